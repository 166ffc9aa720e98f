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

    /** What happened to one client's file; {@code profile} is the one it now points at when written. */
    public record Outcome(String client, Path file, boolean written, String profile, String note) {
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

    /** The named clients, or all of them if none were named; {@code none} names no client. */
    public static List<String> parseClients(List<String> given) {
        if (given == null || given.isEmpty()) {
            return CLIENTS;
        }
        List<String> out = new ArrayList<>();
        for (String g : given) {
            for (String c : g.split(",")) {
                String v = c.trim().toLowerCase(Locale.ROOT);
                if (v.equals("none")) {
                    continue;
                }
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
        return new SignalboxException("unknown client '" + c + "'", "use --clients claude, codex, claude,codex or none");
    }

    /**
     * Makes {@code name} the active profile and writes the files of the {@code clients} that can
     * use it ({@link ClientCompatibility}). With {@code explicit} (the user named the clients), a
     * named client that cannot use it fails the whole command before anything is written. With the
     * default list, such a client stays on what it had; if none of them can use the profile,
     * nothing changes and the command fails. An empty explicit list only changes the active profile.
     * In every case a client whose file follows the proxy root and cannot use the new active
     * profile is pinned to the per-profile route of the profile it was using.
     */
    public List<Outcome> use(String name, SwitchMode mode, List<String> clients, boolean explicit) {
        Profile p = sb.profiles().get(name);
        List<Profile> all = sb.profiles().list();
        if (explicit) {
            clients.forEach(c -> ClientCompatibility.require(c, p, mode, all));
        }
        int port = sb.settings().port();
        String wasActive = sb.settings().load().activeProfile();
        Map<String, Write> writes = new LinkedHashMap<>();
        List<Outcome> out = new ArrayList<>();
        for (String c : clients) {
            if (explicit ? !ClientCompatibility.canUse(c, p, mode) : !ClientCompatibility.followsByDefault(c, p, mode)) {
                continue; // reported below with the clients that stay behind
            }
            if (mode == SwitchMode.DIRECT && c.equals("claude") && !p.headers().isEmpty()) {
                sb.warn().accept("profile '" + p.name() + "' has extra headers; Claude Code in direct mode does not"
                        + " send them (use --mode proxy)");
            }
            if (mode == SwitchMode.DIRECT && !p.fallbacks().isEmpty()) {
                sb.warn().accept(c + ": profile '" + p.name() + "' has fallbacks, but the proxy fails over: in direct"
                        + " mode " + ClientCompatibility.clientName(c) + "'s requests reach the provider alone (use --mode"
                        + " proxy)");
            }
            if (mode == SwitchMode.DIRECT && c.equals("claude") && p.thinking() != null
                    && p.thinking() != io.signalbox.profile.ThinkingMode.PASS) {
                sb.warn().accept("profile '" + p.name() + "' adapts Claude Code's adaptive thinking (--thinking "
                        + p.thinking().id() + "), but the proxy does that: in direct mode Claude Code's requests reach"
                        + " the provider unchanged (use --mode proxy)");
            }
            writes.put(c, new Write(target(c, p, mode, port, null), p.name(), mode == SwitchMode.DIRECT,
                    p.format() != ClientCompatibility.speaks(c) ? ClientCompatibility.translationNote(c, p) : null));
            if (c.equals("codex") && mode == SwitchMode.PROXY) {
                // Claude Code gets NO_PROXY in its settings' env; Codex's config.toml has no such place
                ProxyBypass.unbypassedProxy("codex", sb.env()).ifPresent(w -> sb.warn().accept("codex: " + w));
            }
            if (c.equals("claude") && mode == SwitchMode.PROXY && p.thinking() == null && lastTestRefusedThinking(p)) {
                sb.warn().accept("claude: the last test of '" + p.name() + "' found that its provider refuses the"
                        + " adaptive thinking Claude Code sends; every turn will fail until you run: signalbox profile"
                        + " edit " + p.name() + " --thinking enabled (or --thinking off)");
            }
            if (c.equals("claude") && p.contextWindow() == null && mode == SwitchMode.PROXY
                    && ClaudeVars.SLOT_VARS.values().stream().anyMatch(writes.get(c).target()::containsKey)) {
                sb.warn().accept("claude: Claude Code does not know the context window of '" + p.name() + "''s models"
                        + " and assumes 1,000,000 tokens, so it may compact too late; tell it with: signalbox profile"
                        + " edit " + p.name() + " --context-window TOKENS (e.g. 128k)");
            }
        }
        if (!explicit && writes.isEmpty() && !clients.isEmpty()) {
            for (String c : clients) {
                Optional<String> named = ClientCompatibility.namedFix(c, p, mode);
                if (named.isPresent()) {
                    throw new SignalboxException(ClientCompatibility.whyNotByDefault(c, p, mode).orElse("") + "; nothing"
                            + " was changed", named.get().replace(" --clients claude,codex", " --clients " + c));
                }
            }
            throw noClientCanUse(p, clients);
        }
        for (String c : CLIENTS) {
            if (!writes.containsKey(c) && ((clients.contains(c) && !explicit)
                    || !ClientCompatibility.followsByDefault(c, p, mode))) {
                stayBehind(c, clients.contains(c), p, mode, port, wasActive, all, writes, out);
            }
        }
        for (String c : writes.keySet()) {
            file(c).current(); // refuses a malformed file before anything is written
            file(c).checkWritable(); // and a read-only one
        }
        for (var w : writes.entrySet()) {
            ManagedFile f = file(w.getKey());
            Write t = w.getValue();
            f.use(t.target(), t.secretInFile(), t.profile());
            out.add(new Outcome(w.getKey(), f.file(), true, t.profile(), t.note() != null ? t.note()
                    : t.secretInFile() ? "the provider's key now sits in plaintext in " + f.file() + " (mode 0600)" : ""));
        }
        sb.settings().update(s -> s.withActiveProfile(p.name()).withMode(mode.id()));
        return out;
    }

    private record Write(Map<String, String> target, String profile, boolean secretInFile, String note) {
    }

    /** Whether the stored result of {@code signalbox test} for {@code p} is a refusal of adaptive thinking. */
    private boolean lastTestRefusedThinking(Profile p) {
        try {
            return new io.signalbox.preflight.PreflightResults(sb.home()).last(p.name())
                    .map(r -> r.diagnosis().code() == io.signalbox.preflight.DiagnosisCode.THINKING_REFUSED)
                    .orElse(false);
        } catch (SignalboxException e) {
            return false; // an unreadable results file only costs this hint
        }
    }

    /**
     * The proxy moved from port {@code from} to {@code to}: every client file that addresses the proxy
     * on {@code from} — its root or a {@code /p/NAME} route — is pointed at the same route on {@code to};
     * files that point elsewhere (direct mode, the client's own provider) are left alone. A malformed
     * file is refused before anything is written, as in {@link #use}.
     */
    public List<Outcome> movePort(int from, int to) {
        List<Profile> all = sb.profiles().list();
        String active = sb.settings().load().activeProfile();
        Map<String, Write> writes = new LinkedHashMap<>();
        for (String c : CLIENTS) {
            ManagedFile f = file(c);
            if (!f.managed()) {
                continue;
            }
            ClientRoute route = ClientRoute.of(c, ClientStatus.of(this, c).baseUrl(), from);
            if (route.kind() == ClientRoute.Kind.ELSEWHERE) {
                continue;
            }
            String pinned = route.kind() == ClientRoute.Kind.PINNED ? route.profile() : null;
            String name = pinned != null ? pinned : f.lastProfile().orElse(active);
            Optional<Profile> p = all.stream().filter(x -> x.name().equals(name)).findFirst();
            if (p.isEmpty()) {
                continue; // a route to a profile that no longer exists: `signalbox status` reports it
            }
            writes.put(c, new Write(target(c, p.get(), SwitchMode.PROXY, to, pinned), name, false,
                    ClientCompatibility.clientName(c) + " now reaches the proxy at "
                            + ClientRoute.baseUrl(c, ClientRoute.root(to, pinned))));
        }
        for (String c : writes.keySet()) {
            file(c).current();
            file(c).checkWritable();
        }
        List<Outcome> out = new ArrayList<>();
        for (var w : writes.entrySet()) {
            ManagedFile f = file(w.getKey());
            f.use(w.getValue().target(), false, w.getValue().profile());
            out.add(new Outcome(w.getKey(), f.file(), true, w.getValue().profile(), w.getValue().note()));
        }
        return out;
    }

    /**
     * Profile {@code from} is now called {@code to.name()}: every client file Signalbox manages that is
     * pinned to {@code /p/FROM} is pointed at {@code /p/TO} (the old route no longer exists), and the
     * profile Signalbox remembers for each file follows the rename. A pin Signalbox cannot rewrite (the
     * file is not its own, the address sits in an entry it does not own, the file is malformed) comes
     * back unwritten with a note that says how to fix it.
     */
    public List<Outcome> renamed(String from, Profile to) {
        int port = sb.settings().port();
        List<Outcome> out = new ArrayList<>();
        for (String c : CLIENTS) {
            ManagedFile f = file(c);
            ClientStatus s = ClientStatus.of(this, c);
            ClientRoute route = ClientRoute.of(c, s.baseUrl(), port);
            boolean pinned = route.kind() == ClientRoute.Kind.PINNED && route.profile().equalsIgnoreCase(from);
            boolean lastWasFrom = f.lastProfile().filter(from::equalsIgnoreCase).isPresent();
            String url = ClientRoute.baseUrl(c, ClientRoute.root(port, to.name()));
            String fix = "fix: run `signalbox use " + to.name() + " --clients " + c + "`, or change the address"
                    + " to " + url + " by hand";
            if (s.error() != null && lastWasFrom) {
                out.add(new Outcome(c, f.file(), false, null, "cannot check " + f.file() + " for the old route /p/"
                        + from + ": " + s.error() + "; once the file is fixed, " + fix.substring("fix: ".length())));
                continue;
            }
            if (!pinned) {
                if (lastWasFrom) {
                    f.profileRenamed(from, to.name());
                }
                continue;
            }
            String old = ClientRoute.baseUrl(c, ClientRoute.root(port, from));
            if (!f.managed() || (c.equals("codex") && !CodexConfigText.PROVIDER_ID.equals(s.provider()))) {
                out.add(new Outcome(c, f.file(), false, null, f.file() + " points at " + old + ", which no longer"
                        + " exists, and Signalbox did not write that address, so it left the file alone; " + fix));
                continue;
            }
            try {
                f.use(target(c, to, SwitchMode.PROXY, port, to.name()), false, to.name());
                out.add(new Outcome(c, f.file(), true, to.name(), ClientCompatibility.clientName(c) + " now reaches '"
                        + to.name() + "' through " + url + " (was " + old + ")"));
            } catch (SignalboxException e) {
                out.add(new Outcome(c, f.file(), false, null, "could not point " + f.file() + " at " + url + ": "
                        + e.getMessage() + (e.fix().isEmpty() ? "" : " (" + e.fix() + ")") + "; it still points at "
                        + old + ", which no longer exists; " + fix));
            }
        }
        return out;
    }

    /**
     * {@code c} cannot use {@code p}: if it was {@code asked} for or follows the proxy root, say why;
     * if it follows the proxy root, pin it to the profile it was using so it does not follow {@code p}.
     */
    private void stayBehind(String c, boolean asked, Profile p, SwitchMode mode, int port, String wasActive, List<Profile> all,
            Map<String, Write> writes, List<Outcome> out) {
        String why = ClientCompatibility.whyNotByDefault(c, p, mode).orElse(null);
        ManagedFile f = file(c);
        ClientRoute route = ClientRoute.of(c, ClientStatus.of(this, c).baseUrl(), port);
        String fix = "fix: " + ClientCompatibility.modeFix(c, p, mode).or(() -> ClientCompatibility.namedFix(c, p, mode))
                .orElseGet(() -> ClientCompatibility.fix(c, all));
        if (route.kind() != ClientRoute.Kind.FOLLOWS_ACTIVE) {
            if (asked) {
                out.add(new Outcome(c, f.file(), false, null, why + "; " + ClientCompatibility.clientName(c)
                        + " stays on what it had (" + f.file() + " unchanged); " + fix));
            }
            return;
        }
        Optional<Profile> prev = previous(c, wasActive, f.lastProfile(), all);
        if (prev.isEmpty()) {
            out.add(new Outcome(c, f.file(), false, null, why + "; " + f.file() + " points at the proxy root, which"
                    + " now serves '" + p.name() + "', and Signalbox knows no earlier profile " + ClientCompatibility
                            .clientName(c) + " can use, so the file was left alone; " + fix));
            return;
        }
        String prevName = prev.get().name();
        String url = ClientRoute.baseUrl(c, ClientRoute.root(port, prevName));
        writes.put(c, new Write(target(c, prev.get(), SwitchMode.PROXY, port, prevName), prevName, false,
                why + "; " + ClientCompatibility.clientName(c) + " stays on '" + prevName + "' through " + url
                        + " so it does not follow the active profile; " + fix));
    }

    /** The profile a client following the proxy root was really using, if it still exists and the client can use it. */
    private static Optional<Profile> previous(String c, String wasActive, Optional<String> last, List<Profile> all) {
        for (String n : new String[] {wasActive, last.orElse(null)}) {
            Optional<Profile> p = all.stream().filter(x -> x.name().equals(n)).findFirst()
                    .filter(x -> ClientCompatibility.canUse(c, x, SwitchMode.PROXY));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static SignalboxException noClientCanUse(Profile p, List<String> clients) {
        StringBuilder speaks = new StringBuilder();
        for (String c : clients) {
            speaks.append(", ").append(ClientCompatibility.clientName(c)).append(" speaks ")
                    .append(ClientCompatibility.api(ClientCompatibility.speaks(c)));
        }
        return new SignalboxException("no client can use '" + p.name() + "': it speaks "
                + ClientCompatibility.api(p.format()) + speaks + ", and " + ClientCompatibility.TRANSLATES
                + "; nothing was changed", "give Claude Code an anthropic or openai-chat profile or Codex an"
                + " openai-responses or openai-chat profile; to make '" + p.name() + "' the active profile anyway (for other programs that call the"
                + " proxy root), run `signalbox use " + p.name() + " --clients none`");
    }

    /** The owned entries for {@code client} and {@code p}; in proxy mode {@code pinned} names the route's profile (null: the root). */
    private Map<String, String> target(String client, Profile p, SwitchMode mode, int port, String pinned) {
        Optional<String> key = mode == SwitchMode.DIRECT ? sb.secrets().get(p.name()) : Optional.empty();
        String root = ClientRoute.root(port, pinned);
        if (client.equals("codex")) {
            CodexConfigText f = new CodexConfigText();
            return mode == SwitchMode.PROXY ? CodexProvider.proxy(f, p, root, sb.localToken())
                    : CodexProvider.direct(f, p, key);
        }
        Map<String, String> vars = mode == SwitchMode.PROXY
                ? ClaudeVars.proxy(p, root, sb.localToken(), sb.warn(), sb.env())
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
            out.add(new Outcome(c, f.file(), did, null, did ? "restored" : "not changed by Signalbox; left alone"));
        }
        return out;
    }
}
