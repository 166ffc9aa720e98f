package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-session variables for {@code signalbox env} and {@code signalbox run}: one shell or one
 * command uses a profile without touching any file. In proxy mode the base URL addresses the
 * profile's own route ({@code /p/NAME}) and the only credential is the local token. Claude Code
 * takes variables; Codex takes {@code -c} overrides ({@link #codexArgs}).
 */
public final class SessionVars {
    private SessionVars() {
    }

    /**
     * Claude Code variables for {@code p}; owned variables the profile does not set map to
     * {@code null} (the caller unsets them so exactly one credential is left).
     */
    public static Map<String, String> of(Signalbox sb, Profile p, SwitchMode mode) {
        return of(sb, p, mode, false);
    }

    /** As {@link #of(Signalbox, Profile, SwitchMode)}; {@code forRun}: a refusal suggests {@code signalbox run}. */
    public static Map<String, String> of(Signalbox sb, Profile p, SwitchMode mode, boolean forRun) {
        ClientCompatibility.whyNot("claude", p, mode).ifPresent(why -> {
            String other = ClientCompatibility.usable("claude", sb.profiles().list());
            String claude = "for Claude Code pick an anthropic profile: "
                    + (forRun ? "`signalbox run " + other + " -- claude`" : "`signalbox env " + other + "`");
            throw new SignalboxException(why, ClientCompatibility.canUse("codex", p, mode)
                    ? claude + "; for Codex run `signalbox run " + p.name() + " -- codex`" : claude);
        });
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

    /** The variable that carries the credential to a Codex run (named by {@code env_key}, never on the command line). */
    public static final String CODEX_KEY_VAR = "SIGNALBOX_CODEX_KEY";
    private static final String CODEX_PROVIDER = "signalbox-session";

    /**
     * Codex reads its provider from config.toml, not from variables, so one Codex run gets {@code -c}
     * overrides instead: a provider of its own for {@code p} (proxy: the {@code /p/NAME/v1} route) whose
     * {@code env_key} names {@link #CODEX_KEY_VAR}; see {@link #codexVars}. The user's config.toml is
     * left alone.
     */
    public static List<String> codexArgs(Signalbox sb, Profile p, SwitchMode mode) {
        ClientCompatibility.whyNot("codex", p, mode).ifPresent(why -> {
            throw new SignalboxException(why, ClientCompatibility.runFix("codex", sb.profiles().list()));
        });
        CodexConfigText t = new CodexConfigText();
        String table = "model_providers." + CODEX_PROVIDER + ".";
        String base = mode == SwitchMode.PROXY
                ? ClientRoute.baseUrl("codex", ClientRoute.root(sb.settings().port(), p.name())) : p.baseUrl();
        List<String> out = new ArrayList<>();
        out.add("model_provider=" + t.quote(CODEX_PROVIDER));
        CodexProvider.model(p, mode == SwitchMode.PROXY).ifPresent(m -> out.add("model=" + t.quote(m)));
        out.add(table + "name=" + t.quote("Signalbox: " + p.name()));
        out.add(table + "base_url=" + t.quote(base));
        out.add(table + "wire_api=\"responses\"");
        boolean xApiKey = mode == SwitchMode.DIRECT && p.auth() == AuthStyle.X_API_KEY;
        out.add(xApiKey ? table + "env_http_headers={ \"x-api-key\" = " + t.quote(CODEX_KEY_VAR) + " }"
                : table + "env_key=" + t.quote(CODEX_KEY_VAR));
        if (mode == SwitchMode.DIRECT && !p.headers().isEmpty()) {
            StringBuilder h = new StringBuilder(table + "http_headers={ ");
            p.headers().forEach((k, v) -> h.append(t.quote(k)).append(" = ").append(t.quote(v)).append(", "));
            h.setLength(h.length() - 2);
            out.add(h.append(" }").toString());
        }
        List<String> args = new ArrayList<>();
        out.forEach(o -> {
            args.add("-c");
            args.add(o);
        });
        return args;
    }

    /** The credential for a Codex run: the local token through the proxy, the provider's key in direct mode. */
    public static Map<String, String> codexVars(Signalbox sb, Profile p, SwitchMode mode) {
        if (mode == SwitchMode.PROXY) {
            return Map.of(CODEX_KEY_VAR, sb.localToken());
        }
        Optional<String> key = sb.secrets().get(p.name());
        if (p.needsKey() && key.isEmpty()) {
            throw new SignalboxException("no key stored for profile '" + p.name() + "'",
                    "store it with: signalbox profile edit " + p.name() + " --key-stdin");
        }
        return Map.of(CODEX_KEY_VAR, key.orElse(ClaudeVars.NO_KEY));
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
