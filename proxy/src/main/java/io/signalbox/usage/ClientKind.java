package io.signalbox.usage;

import java.util.Locale;

/** Which client sent a request, from its User-Agent and Codex's {@code originator} header. */
public final class ClientKind {
    public static final String CLAUDE_CODE = "claude-code";
    public static final String CODEX = "codex";
    public static final String OTHER = "other";

    private ClientKind() {
    }

    public static String of(String userAgent, String originator) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        String orig = originator == null ? "" : originator.toLowerCase(Locale.ROOT);
        if (ua.startsWith("claude-cli/") || ua.startsWith("claude-code/")) {
            return CLAUDE_CODE;
        }
        if (ua.startsWith("codex") || orig.startsWith("codex")) {
            return CODEX;
        }
        return OTHER;
    }
}
