package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code use} and {@code restore}: points Claude Code's settings.json and Codex's config.toml at a
 * profile (through the proxy or directly) and back to the user's own values.
 */
public final class Switcher {
    public static final List<String> CLIENTS = List.of("claude", "codex");

    /** What happened to one client's file. */
    public record Outcome(String client, Path file, boolean written, String note) {
    }

    private final Signalbox sb;

    public Switcher(Signalbox sb) {
        this.sb = sb;
    }

    public ManagedFile file(String client) {
        return switch (client) {
            case "claude" -> new ManagedFile(sb, sb.env().claudeConfigDir().resolve("settings.json"),
                    "claude-settings.json", new ClaudeSettingsText());
            case "codex" -> new ManagedFile(sb, sb.env().codexHome().resolve("config.toml"),
                    "codex-config.toml", new CodexConfigText());
            default -> throw unknownClient(client);
        };
    }

    public static List<String> parseClients(List<String> given) {
        if (given == null || given.isEmpty()) {
            return CLIENTS;
        }
        List<String> out = new ArrayList<>();
        for (String g : given) {
            for (String c : g.split(",")) {
                String v = c.trim().toLowerCase(Locale.ROOT);
                if (!CLIENTS.contains(v)) {
                    throw unknownClient(c);
                }
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static SignalboxException unknownClient(String c) {
        return new SignalboxException("unknown client '" + c + "'", "use --clients claude, codex or claude,codex");
    }

    /** Makes {@code name} the active profile and writes the clients' files. */
    public List<Outcome> use(String name, SwitchMode mode, List<String> clients) {
        Profile p = sb.profiles().get(name);
        int port = sb.settings().port();
        Map<String, Map<String, String>> targets = new LinkedHashMap<>();
        List<Outcome> out = new ArrayList<>();
        for (String c : clients) {
            Optional<String> why = mode == SwitchMode.DIRECT
                    ? (c.equals("claude") ? ClaudeVars.directUnsupported(p) : CodexProvider.directUnsupported(p))
                    : Optional.empty();
            if (why.isPresent()) {
                out.add(new Outcome(c, file(c).file(), false, why.get() + "; this client needs --mode proxy for"
                        + " this profile, so its file was left alone"));
                continue;
            }
            if (mode == SwitchMode.DIRECT && c.equals("claude") && !p.headers().isEmpty()) {
                sb.warn().accept("profile '" + p.name() + "' has extra headers; Claude Code in direct mode does not"
                        + " send them (use --mode proxy)");
            }
            targets.put(c, target(c, p, mode, port));
        }
        for (String c : targets.keySet()) {
            file(c).current(); // refuses a malformed file before anything is written
        }
        for (var t : targets.entrySet()) {
            ManagedFile f = file(t.getKey());
            f.use(t.getValue(), mode == SwitchMode.DIRECT);
            out.add(new Outcome(t.getKey(), f.file(), true, mode == SwitchMode.DIRECT
                    ? "the provider's key now sits in plaintext in " + f.file() + " (mode 0600)" : ""));
        }
        sb.settings().update(s -> s.withActiveProfile(p.name()).withMode(mode.id()));
        return out;
    }

    private Map<String, String> target(String client, Profile p, SwitchMode mode, int port) {
        Optional<String> key = mode == SwitchMode.DIRECT ? sb.secrets().get(p.name()) : Optional.empty();
        if (client.equals("codex")) {
            CodexConfigText f = new CodexConfigText();
            return mode == SwitchMode.PROXY ? CodexProvider.proxy(f, p, port, sb.localToken())
                    : CodexProvider.direct(f, p, key);
        }
        Map<String, String> vars = mode == SwitchMode.PROXY
                ? ClaudeVars.proxy(p, "http://127.0.0.1:" + port, sb.localToken(), sb.warn())
                : ClaudeVars.direct(p, key);
        ClaudeSettingsText f = new ClaudeSettingsText();
        Map<String, String> raw = new LinkedHashMap<>();
        vars.forEach((k, v) -> raw.put(k, f.quote(v)));
        return raw;
    }

    /** Removes Signalbox's entries and puts back the user's own values. */
    public List<Outcome> restore(List<String> clients) {
        List<Outcome> out = new ArrayList<>();
        for (String c : clients) {
            ManagedFile f = file(c);
            boolean did = f.restore();
            out.add(new Outcome(c, f.file(), did, did ? "restored" : "not changed by Signalbox; left alone"));
        }
        return out;
    }
}
