package io.signalbox.preflight;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The preflight steps, in the order they run. */
public enum Step {
    CONFIG("profile and key"),
    DNS("DNS lookup"),
    TCP("TCP connect"),
    TLS("TLS handshake"),
    MODELS("models list (auth check)"),
    MESSAGE("1-token request"),
    STREAM("1-token streamed request"),
    OUTPUT("Claude Code's max_tokens"),
    THINKING("Claude Code's adaptive thinking"),
    TOOLS("tool-use check"),
    PROXY("request through the local proxy");

    private final String title;

    Step(String title) {
        this.title = title;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A short human title for progress displays. */
    public String title() {
        return title;
    }
}
