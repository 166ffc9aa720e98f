package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-session variables for {@code signalbox env} and {@code signalbox run}: one shell or one
 * command uses a profile without touching any file. In proxy mode the base URL addresses the
 * profile's own route ({@code /p/NAME}) and the only credential is the local token.
 */
public final class SessionVars {
    private SessionVars() {
    }

    /**
     * Claude Code variables for {@code p}; owned variables the profile does not set map to
     * {@code null} (the caller unsets them so exactly one credential is left).
     */
    public static Map<String, String> of(Signalbox sb, Profile p, SwitchMode mode) {
        Map<String, String> vars = mode == SwitchMode.PROXY
                ? ClaudeVars.proxy(p, "http://127.0.0.1:" + sb.settings().port() + "/p/" + p.name(), sb.localToken(),
                        sb.warn())
                : ClaudeVars.direct(p, sb.secrets().get(p.name()));
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : ClaudeSettingsText.OWNED) {
            out.put(k, vars.get(k));
        }
        return out;
    }

    /** {@code 'value'} for a POSIX shell. */
    public static String shellQuote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    /** {@code export K='v'} / {@code unset K} lines. */
    public static String exportLines(Map<String, String> vars) {
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(v == null ? "unset " + k : "export " + k + "=" + shellQuote(v)).append('\n'));
        return b.toString();
    }
}
