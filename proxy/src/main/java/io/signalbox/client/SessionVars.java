package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
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
            ClientCompatibility.modeFix("claude", p, mode).ifPresent(fix -> {
                throw new SignalboxException(why, fix.replace("signalbox use " + p.name(), forRun
                        ? "signalbox run " + p.name() + " -- claude" : "signalbox env " + p.name()));
            });
            String other = ClientCompatibility.usable("claude", sb.profiles().list());
            String claude = "for Claude Code pick an anthropic profile: "
                    + (forRun ? "`signalbox run " + other + " -- claude`" : "`signalbox env " + other + "`");
            throw new SignalboxException(why, ClientCompatibility.canUse("codex", p, mode)
                    ? claude + "; for Codex run `signalbox run " + p.name() + " -- codex`" : claude);
        });
        Map<String, String> vars = mode == SwitchMode.PROXY
                ? ClaudeVars.proxy(p, "http://127.0.0.1:" + sb.settings().port() + "/p/" + p.name(), sb.localToken(),
                        sb.warn(), sb.env())
                : ClaudeVars.direct(p, sb.secrets().get(p.name()));
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : ClaudeSettingsText.OWNED) {
            // a NO_PROXY the session does not set is the user's own: left alone, never unset
            if (vars.get(k) != null || !ProxyBypass.VARS.contains(k)) {
                out.put(k, vars.get(k));
            }
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
        boolean keyHeader = mode == SwitchMode.DIRECT && p.auth() != AuthStyle.BEARER;
        out.add(keyHeader ? table + "env_http_headers={ " + t.quote(p.auth().headerName()) + " = "
                + t.quote(CODEX_KEY_VAR) + " }"
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

    /** The variables of a Codex run: the local token (and the proxy bypass) through the proxy, the provider's key in direct mode. */
    public static Map<String, String> codexVars(Signalbox sb, Profile p, SwitchMode mode) {
        if (mode == SwitchMode.PROXY) {
            Map<String, String> out = new LinkedHashMap<>(ProxyBypass.vars(sb.env()));
            out.put(CODEX_KEY_VAR, sb.localToken());
            return out;
        }
        Optional<String> key = sb.secrets().get(p.name());
        if (p.needsKey() && key.isEmpty()) {
            throw new SignalboxException("no key stored for profile '" + p.name() + "'",
                    "store it with: signalbox profile edit " + p.name() + " --key-stdin");
        }
        return Map.of(CODEX_KEY_VAR, key.orElse(ClaudeVars.NO_KEY));
    }

    /**
     * Claude Code applies the {@code env} block of its settings.json over the process environment, but
     * settings given with {@code --settings} over settings.json: this is that argument's JSON for
     * {@code vars} ({@link #of}). A variable the profile does not set is given as {@code ""}, which
     * Claude Code treats as unset, so a value settings.json holds for it does not leak into the run.
     */
    public static String claudeSettings(Map<String, String> vars) {
        tools.jackson.databind.node.ObjectNode env = Json.MAPPER.createObjectNode();
        vars.forEach((k, v) -> env.put(k, v == null ? "" : v));
        tools.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("env", env);
        return Json.MAPPER.writeValueAsString(root);
    }

    /**
     * Why exporting {@code vars} would not reach Claude Code, with the fix: the env block of Claude
     * Code's settings.json sets some of them to other values, and Claude Code applies that block over
     * the environment. Empty when nothing there stands in the way (or the file cannot be read).
     */
    public static Optional<String> claudeFileWins(Signalbox sb, String profile, Map<String, String> vars) {
        ManagedFile f = new Switcher(sb).file("claude");
        Map<String, String> raw;
        try {
            raw = f.current();
        } catch (SignalboxException e) {
            return Optional.empty();
        }
        List<String> wins = new ArrayList<>();
        raw.forEach((k, literal) -> {
            if (ProxyBypass.VARS.contains(k) && ProxyBypass.bypassesLoopback(decode(literal))) {
                return; // the file's list keeps the local proxy off any HTTP proxy as well
            }
            if (!effective(decode(literal)).equals(effective(vars.get(k)))) {
                wins.add(k);
            }
        });
        if (wins.isEmpty()) {
            return Optional.empty();
        }
        String fix = "for one run use: signalbox run " + profile + " -- claude" + (f.managed()
                ? "; or take Signalbox's entries out of that file with: signalbox restore --clients claude"
                : "; or remove those entries from that env block");
        return Optional.of("Claude Code will not use these variables for " + String.join(", ", wins) + ": the env"
                + " block of " + f.file() + " sets them, and Claude Code applies it over the environment; fix: "
                + fix);
    }

    private static String decode(String literal) {
        try {
            var n = Json.MAPPER.readTree(literal);
            return n.isString() ? n.asString() : n.toString();
        } catch (RuntimeException e) {
            return literal;
        }
    }

    private static Optional<String> effective(String v) {
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
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
