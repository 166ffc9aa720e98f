package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.signalbox.common.SignalboxException;

/**
 * What the proxy does with Claude Code's {@code "thinking": {"type": "adaptive"}}, which Claude Code
 * sends for every model name it does not recognise (Signalbox's aliases included) and which some
 * Anthropic-compatible providers refuse: pass it on, turn it into {@code enabled} with a token budget,
 * or into {@code disabled}. Other thinking settings always pass unchanged.
 */
public enum ThinkingMode {
    PASS("pass"),
    ENABLED("enabled"),
    OFF("off");

    private final String id;

    ThinkingMode(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ThinkingMode parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "pass", "adaptive" -> PASS;
            case "enabled", "enable", "budget" -> ENABLED;
            case "off", "disabled", "disable" -> OFF;
            default -> throw new SignalboxException("unknown thinking mode '" + s + "'",
                    "use 'pass' (send Claude Code's adaptive thinking as it is), 'enabled' (as thinking with a"
                            + " token budget) or 'off' (as disabled thinking)");
        };
    }
}
