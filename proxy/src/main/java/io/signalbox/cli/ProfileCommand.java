package io.signalbox.cli;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import io.signalbox.profile.Presets;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code signalbox profile add|list|show|edit|remove}. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Manage provider profiles (keys go to the OS keychain, never to profiles.json).",
        subcommands = {
            ProfileCommand.Add.class,
            ProfileCommand.ListCmd.class,
            ProfileCommand.Show.class,
            ProfileCommand.Edit.class,
            ProfileCommand.Remove.class,
        })
final class ProfileCommand implements Runnable {
    @Spec
    CommandSpec spec;
    private final CliContext ctx;

    ProfileCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        spec.commandLine().usage(ctx.out());
    }

    /** Options shared by add and edit. */
    static final class Fields {
        @Option(names = "--base-url", paramLabel = "URL",
                description = "Provider base URL (Anthropic format: the root, without /v1; OpenAI formats: up to /v1).")
        String baseUrl;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "API format: anthropic, openai-chat, openai-responses.")
        String format;

        @Option(names = "--auth", paramLabel = "STYLE",
                description = "Key header: bearer (Authorization: Bearer KEY), x-api-key or api-key (Azure OpenAI).")
        String auth;

        @Option(names = "--model", paramLabel = "FAMILY_OR_PATTERN=MODEL",
                description = "Map a Claude Code family (opus, sonnet, haiku, subagent, default) or an exact/glob "
                        + "model name (e.g. 'claude-*haiku*') to a provider model. Repeatable.")
        List<String> models = new ArrayList<>();

        @Option(names = "--header", paramLabel = "NAME=VALUE", description = "Extra header sent upstream. Repeatable.")
        List<String> headers = new ArrayList<>();

        @Option(names = "--notes", paramLabel = "TEXT", description = "Free-form notes.")
        String notes;

        @Option(names = "--context-window", paramLabel = "TOKENS",
                description = "The context window of the mapped models (e.g. 128k, 200000, 1m); Claude Code gets it"
                        + " as CLAUDE_CODE_MAX_CONTEXT_TOKENS so it compacts in time for a model it does not know.")
        String contextWindow;

        @Option(names = "--max-output", paramLabel = "TOKENS",
                description = "The largest answer the mapped models give (e.g. 8k, 8192): the proxy lowers a larger"
                        + " max_tokens to it, and Claude Code gets it as CLAUDE_CODE_MAX_OUTPUT_TOKENS.")
        String maxOutput;

        @Option(names = "--fallback", paramLabel = "PROFILE",
                description = "A profile the proxy sends this profile's requests to when its provider cannot take them"
                        + " (unreachable, overloaded, rate-limited, over a hard budget). Repeatable, tried in order.")
        List<String> fallbacks = new ArrayList<>();

        @Option(names = "--thinking", paramLabel = "MODE",
                description = "What the proxy does with Claude Code's adaptive thinking, which some providers refuse:"
                        + " pass (default), enabled (thinking with a token budget) or off (disabled).")
        String thinking;

        @Option(names = "--key-stdin",
                description = "Read the API key from standard input (so it never lands in shell history).")
        boolean keyStdin;

        @Option(names = "--no-key-required", description = "The provider needs no key (a local server).")
        boolean noKeyRequired;
    }

    static Profile apply(Profile p, Fields f) {
        Profile out = p;
        if (f.baseUrl != null) {
            out = out.withBaseUrl(f.baseUrl);
        }
        if (f.format != null) {
            out = out.withFormat(Cli.option(() -> ApiFormat.parse(f.format)));
        }
        if (f.auth != null) {
            out = out.withAuth(Cli.option(() -> AuthStyle.parse(f.auth)));
        }
        ModelMap mm = out.models();
        for (String m : f.models) {
            String[] kv = splitPair(m, "--model", "FAMILY_OR_PATTERN=MODEL", "sonnet=deepseek-chat");
            Optional<ModelFamily> fam = ModelFamily.parse(kv[0]);
            mm = fam.isPresent() ? mm.withFamily(fam.get(), kv[1]) : mm.withRule(new ModelRule(kv[0], kv[1]));
        }
        out = out.withModels(mm);
        if (!f.headers.isEmpty()) {
            Map<String, String> h = new LinkedHashMap<>(out.headers());
            for (String s : f.headers) {
                String[] kv = splitPair(s, "--header", "NAME=VALUE", "X-Team=platform");
                h.put(kv[0], kv[1]);
            }
            out = out.withHeaders(h);
        }
        if (f.notes != null) {
            out = out.withNotes(f.notes);
        }
        if (f.thinking != null) {
            out = out.withThinking(Cli.option(() -> io.signalbox.profile.ThinkingMode.parse(f.thinking)));
        }
        if (f.contextWindow != null) {
            out = out.withContextWindow(Cli.option(() -> Profile.parseContextWindow(f.contextWindow)));
        }
        if (!f.fallbacks.isEmpty()) {
            List<String> all = new ArrayList<>(out.fallbacks());
            all.addAll(f.fallbacks);
            out = out.withFallbacks(all);
        }
        if (f.maxOutput != null) {
            out = out.withMaxOutputTokens(Cli.option(() -> Profile.parseMaxOutput(f.maxOutput)));
        }
        if (f.noKeyRequired) {
            out = out.withKeyRequired(Boolean.FALSE);
        }
        return out;
    }

    static String[] splitPair(String s, String option, String shape, String example) {
        int i = s.indexOf('=');
        if (i <= 0 || i == s.length() - 1) {
            throw new Cli.InvalidOption(new SignalboxException(option + " '" + s + "' is not " + shape,
                    "write it as " + option + " " + example));
        }
        return new String[] {s.substring(0, i).trim(), s.substring(i + 1).trim()};
    }

    static String readKey(CliContext ctx) {
        String key;
        try {
            key = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SignalboxException("could not read the key from standard input", "pipe it in: ... --key-stdin < keyfile");
        }
        if (key.isEmpty()) {
            throw new SignalboxException("--key-stdin was given but standard input was empty",
                    "pipe the key in, e.g.: printf %s \"$KEY\" | signalbox profile add NAME ... --key-stdin");
        }
        if (key.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new SignalboxException("the key read from standard input contains spaces or control characters",
                    "pass only the key itself, on one line");
        }
        return key;
    }

    static void printNoKeyHint(CliContext ctx, Profile p, Signalbox sb) {
        if (p.needsKey() && !sb.secrets().has(p.name())) {
            ctx.err().println("note: no key stored for '" + p.name() + "' yet; add it with: "
                    + "signalbox profile edit " + p.name() + " --key-stdin");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a profile.")
    static final class Add implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
        String name;

        @Option(names = "--preset", paramLabel = "PRESET", description = "Start from a preset (see: signalbox presets).")
        String preset;

        @picocli.CommandLine.Mixin
        Fields fields;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Signalbox sb = ctx.signalbox();
            Profile.validateName(name);
            Profile base = preset != null ? Presets.get(preset).toProfile(name)
                    : new Profile(name, null, null, null, null, null, null, null, null, null);
            Profile p = apply(base, fields).validate();
            if (sb.profiles().find(name).isPresent()) {
                throw new SignalboxException("a profile named '" + name + "' already exists",
                        "pick another name, or change it with: signalbox profile edit " + name);
            }
            String key = fields.keyStdin ? readKey(ctx) : null;
            if (key != null) {
                sb.secrets().put(p.name(), key);
            }
            try {
                sb.profiles().add(p);
            } catch (RuntimeException e) {
                if (key != null) {
                    sb.secrets().delete(p.name());
                }
                throw e;
            }
            ctx.out().println("added profile '" + p.name() + "' (" + p.format().id() + ", " + p.baseUrl() + ")"
                    + (key != null ? "; key stored in " + sb.secrets().describe() : ""));
            if (key == null) {
                printNoKeyHint(ctx, p, sb);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List profiles.")
    static final class ListCmd implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        ListCmd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Signalbox sb = ctx.signalbox();
            List<ProfileView> views = ProfileView.all(sb);
            if (json) {
                ctx.out().println(Json.MAPPER.writeValueAsString(views));
                return 0;
            }
            if (views.isEmpty()) {
                ctx.out().println("no profiles yet: signalbox profile add NAME --preset PRESET --key-stdin"
                        + " (see: signalbox presets)");
                return 0;
            }
            Table t = new Table("", "NAME", "FORMAT", "BASE URL", "KEY", "STATUS");
            for (ProfileView v : views) {
                t.row(v.active() ? "*" : "", v.name(), v.format(), v.baseUrl(), v.keyState(), v.status());
            }
            t.print(ctx.out());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one profile (never its key).")
    static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Signalbox sb = ctx.signalbox();
            ProfileView v = ProfileView.of(sb, sb.profiles().get(name));
            if (json) {
                ctx.out().println(Json.MAPPER.writeValueAsString(v));
            } else {
                v.printText(ctx.out());
            }
            return 0;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a profile.")
    static final class Edit implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--rename", paramLabel = "NEW_NAME", description = "Rename the profile (its key moves with it).")
        String rename;

        @Option(names = "--unset-model", paramLabel = "FAMILY_OR_PATTERN", description = "Remove a model mapping. Repeatable.")
        List<String> unsetModels = new ArrayList<>();

        @Option(names = "--unset-header", paramLabel = "NAME", description = "Remove an extra header. Repeatable.")
        List<String> unsetHeaders = new ArrayList<>();

        @Option(names = "--delete-key", description = "Delete the stored key.")
        boolean deleteKey;

        @Option(names = "--unset-context-window", description = "Forget the models' context window.")
        boolean unsetContextWindow;

        @Option(names = "--unset-max-output", description = "Forget the models' output cap.")
        boolean unsetMaxOutput;

        @Option(names = "--unset-fallbacks", description = "Remove every fallback (before any --fallback given).")
        boolean unsetFallbacks;

        @picocli.CommandLine.Mixin
        Fields fields;

        @picocli.CommandLine.Mixin
        UsageOptions usageOptions;

        Edit(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Signalbox sb = ctx.signalbox();
            Profile current = sb.profiles().get(name);
            String key = fields.keyStdin ? readKey(ctx) : null;
            Profile edited = sb.profiles().edit(current.name(), p -> {
                Profile out = p;
                for (String u : unsetModels) {
                    out = out.withModels(unsetModel(out.models(), u));
                }
                if (!unsetHeaders.isEmpty()) {
                    Map<String, String> h = new LinkedHashMap<>(out.headers());
                    unsetHeaders.forEach(k -> h.keySet().removeIf(x -> x.equalsIgnoreCase(k)));
                    out = out.withHeaders(h);
                }
                if (unsetContextWindow) {
                    out = out.withContextWindow(null);
                }
                if (unsetMaxOutput) {
                    out = out.withMaxOutputTokens(null);
                }
                if (unsetFallbacks) {
                    out = out.withFallbacks(null);
                }
                out = apply(out, fields);
                out = usageOptions.apply(out);
                if (rename != null) {
                    Profile.validateName(rename);
                    out = out.withName(rename);
                }
                return out;
            });
            List<io.signalbox.client.Switcher.Outcome> repointed = List.of();
            if (!edited.name().equals(current.name())) {
                sb.secrets().rename(current.name(), edited.name());
                new io.signalbox.preflight.PreflightResults(sb.home()).forget(current.name());
                sb.settings().update(s -> current.name().equalsIgnoreCase(s.activeProfile())
                        ? s.withActiveProfile(edited.name()) : s);
                repointed = new io.signalbox.client.Switcher(sb).renamed(current.name(), edited);
            }
            if (deleteKey) {
                sb.secrets().delete(edited.name());
            }
            if (key != null) {
                sb.secrets().put(edited.name(), key);
            }
            ctx.out().println("updated profile '" + edited.name() + "'"
                    + (key != null ? "; key stored in " + sb.secrets().describe() : "")
                    + (deleteKey ? "; key deleted" : ""));
            for (var o : repointed) {
                if (o.written()) {
                    ctx.out().println(o.client() + ": " + o.file() + " rewritten: " + o.note());
                } else {
                    ctx.warn(o.client() + ": " + o.note());
                }
            }
            return 0;
        }

        private static ModelMap unsetModel(ModelMap m, String what) {
            Optional<ModelFamily> fam = ModelFamily.parse(what);
            if (fam.isPresent()) {
                return m.withFamily(fam.get(), null);
            }
            List<ModelRule> rules = new ArrayList<>(m.rules());
            if (!rules.removeIf(r -> r.match().equalsIgnoreCase(what))) {
                throw new SignalboxException("the profile has no model mapping for '" + what + "'",
                        "see its mappings with: signalbox profile show NAME");
            }
            return new ModelMap(m.opus(), m.sonnet(), m.haiku(), m.subagent(), m.fallback(), rules);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a profile and its stored key.")
    static final class Remove implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Signalbox sb = ctx.signalbox();
            Profile removed = sb.profiles().remove(name);
            new io.signalbox.preflight.PreflightResults(sb.home()).forget(removed.name());
            try {
                // a direct-mode use left the key in the client files' backups: it goes with the profile
                String key = sb.secrets().get(removed.name()).orElse(null);
                sb.backups().redact(key);
            } catch (SignalboxException | java.io.IOException e) {
                ctx.warn("the backups in " + sb.backups().dir() + " may still hold the profile's key: "
                        + e.getMessage() + "; delete the .bak files there that were written while it was in use");
            }
            try {
                sb.secrets().delete(removed.name());
            } catch (SignalboxException e) {
                ctx.warn("the profile is removed but its key could not be deleted from "
                        + "the keychain: " + e.getMessage());
            }
            boolean wasActive = removed.name().equalsIgnoreCase(sb.settings().stored().activeProfile());
            if (wasActive) {
                sb.settings().update(s -> s.withActiveProfile(null));
                ctx.warn("'" + removed.name() + "' was the active profile; pick another with: signalbox use NAME");
            }
            ctx.out().println("removed profile '" + removed.name() + "'");
            return 0;
        }
    }
}
