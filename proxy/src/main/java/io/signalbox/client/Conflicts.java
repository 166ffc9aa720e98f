package io.signalbox.client;

import io.signalbox.common.Env;
import io.signalbox.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Finds {@code ANTHROPIC_*} / {@code OPENAI_*} variables in the process environment and in the
 * user's shell start-up files. Claude Code applies the env block of its settings.json over the
 * environment, so a Claude Code variable that block sets is ignored, and one it does not set is used
 * on top of what the block says. Only names and places are reported, never values.
 */
public final class Conflicts {
    private static final Pattern NAME = Pattern.compile(
            "(ANTHROPIC_[A-Z0-9_]+|OPENAI_[A-Z0-9_]+|CLAUDE_CODE_SUBAGENT_MODEL|CLAUDE_CODE_MAX_CONTEXT_TOKENS)");
    private static final Pattern POSIX = Pattern.compile(
            "^\\s*(?:export\\s+|declare\\s+-x\\s+|typeset\\s+-x\\s+)?" + NAME.pattern() + "=");
    private static final Pattern FISH = Pattern.compile("^\\s*set\\s+(?:-[A-Za-z]+\\s+)*" + NAME.pattern() + "\\b");
    private static final List<String> SHELL_FILES = List.of(".bashrc", ".zshrc", ".profile", ".bash_profile",
            ".zprofile", ".zshenv", ".bash_login");

    /**
     * One variable: where it is set ({@code line} 0 for the environment); {@code ignoredBecause}: for a
     * Claude Code variable the env block of Claude Code's settings.json also sets, that file (null otherwise).
     */
    public record Conflict(String variable, String source, int line, String ignoredBecause) {
        public String describe() {
            String where = line == 0 ? variable + " is set in this environment"
                    : variable + " is exported at " + source + ":" + line;
            String remove = line == 0 ? "unset it: unset " + variable : "remove that line";
            if (ignoredBecause != null) {
                return where + ", but Claude Code ignores it: the env block of " + ignoredBecause + " sets "
                        + variable + " and Claude Code applies that over the environment (for another profile in"
                        + " one run: signalbox run NAME -- claude; or " + remove + ")";
            }
            if (!variable.startsWith("OPENAI_")) {
                return where + " and Claude Code uses it on top of what its settings.json sets, which does not set"
                        + " " + variable + " (" + remove + ")";
            }
            return where + " and overrides the client config Signalbox writes (" + remove + ")";
        }
    }

    /**
     * A Claude Code provider variable set in a project's own settings ({@code .claude/settings.json} or
     * {@code .claude/settings.local.json} of {@code project}): Claude Code started there applies that
     * env block over the user settings Signalbox writes, so a switch does not reach that project.
     */
    public record ProjectOverride(List<String> variables, String file, String project) {
        public String describe() {
            return "Claude Code started in " + project + " ignores Signalbox for " + String.join(", ", variables)
                    + ": the env block of " + file + " sets " + (variables.size() == 1 ? "it" : "them")
                    + " and project settings rank above your user settings (remove " + (variables.size() == 1
                            ? "that entry" : "those entries") + " there, or for one run: signalbox run NAME -- claude)";
        }
    }

    private static final List<String> PROJECT_FILES = List.of("settings.local.json", "settings.json");

    /**
     * The project settings files Claude Code reads when started in {@code dir} (and the directories
     * above it, up to the repository root), whose env block sets a provider variable. The user's own
     * settings file (in CLAUDE_CONFIG_DIR or ~/.claude) is not a project file and is skipped.
     */
    public static List<ProjectOverride> projectOverrides(Env env, Path dir) {
        Path user = env.claudeConfigDir().toAbsolutePath().normalize();
        Path home = env.userHome().toAbsolutePath().normalize();
        List<ProjectOverride> out = new ArrayList<>();
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path claudeDir = d.resolve(".claude");
            if (!claudeDir.equals(user) && !claudeDir.equals(home.resolve(".claude"))) {
                for (String name : PROJECT_FILES) {
                    Path f = claudeDir.resolve(name);
                    List<String> vars = claudeEnvKeys(f).stream().filter(k -> NAME.matcher(k).matches()).sorted()
                            .toList();
                    if (!vars.isEmpty()) {
                        out.add(new ProjectOverride(vars, f.toString(), d.toString()));
                    }
                }
            }
            if (Files.exists(d.resolve(".git")) || d.equals(home)) {
                break;
            }
        }
        return out;
    }

    private Conflicts() {
    }

    public static List<Conflict> scan(Env env) {
        Path settings = env.claudeConfigDir().resolve("settings.json").toAbsolutePath();
        Set<String> inFile = claudeEnvKeys(settings);
        List<Conflict> found = new ArrayList<>();
        env.vars().keySet().stream().sorted().filter(k -> NAME.matcher(k).matches() && env.get(k).isPresent())
                .forEach(k -> found.add(new Conflict(k, "environment", 0, null)));
        Path home = env.userHome();
        for (String f : SHELL_FILES) {
            scanFile(home.resolve(f), POSIX, found);
        }
        Path fish = home.resolve(".config").resolve("fish");
        scanFile(fish.resolve("config.fish"), FISH, found);
        Path confd = fish.resolve("conf.d");
        if (Files.isDirectory(confd)) {
            try (Stream<Path> s = Files.list(confd)) {
                s.filter(p -> p.toString().endsWith(".fish")).sorted().forEach(p -> scanFile(p, FISH, found));
            } catch (IOException ignored) {
                // unreadable directory: nothing to report
            }
        }
        List<Conflict> out = new ArrayList<>();
        found.forEach(c -> out.add(inFile.contains(c.variable())
                ? new Conflict(c.variable(), c.source(), c.line(), settings.toString()) : c));
        return out;
    }

    /** The names the env block of Claude Code's settings.json sets (none if it cannot be read). */
    private static Set<String> claudeEnvKeys(Path settings) {
        try {
            JsonNode env = Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env");
            Set<String> out = new HashSet<>();
            if (env.isObject()) {
                env.propertyNames().forEach(out::add);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    private static void scanFile(Path file, Pattern p, List<Conflict> out) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = p.matcher(lines.get(i));
                if (m.find()) {
                    out.add(new Conflict(m.group(1), file.toString(), i + 1, null));
                }
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // unreadable or not UTF-8: skip it
        }
    }
}
