package io.signalbox.client;

import io.signalbox.common.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds {@code ANTHROPIC_*} / {@code OPENAI_*} variables in the process environment and in the
 * user's shell start-up files: a variable exported there overrides what Signalbox wrote. Only
 * names and places are reported, never values.
 */
public final class Conflicts {
    private static final Pattern NAME = Pattern.compile("(ANTHROPIC_[A-Z0-9_]+|OPENAI_[A-Z0-9_]+|CLAUDE_CODE_SUBAGENT_MODEL)");
    private static final Pattern POSIX = Pattern.compile(
            "^\\s*(?:export\\s+|declare\\s+-x\\s+|typeset\\s+-x\\s+)?" + NAME.pattern() + "=");
    private static final Pattern FISH = Pattern.compile("^\\s*set\\s+(?:-[A-Za-z]+\\s+)*" + NAME.pattern() + "\\b");
    private static final List<String> SHELL_FILES = List.of(".bashrc", ".zshrc", ".profile", ".bash_profile",
            ".zprofile", ".zshenv", ".bash_login");

    /** One overriding variable: where it is set ({@code line} 0 for the environment). */
    public record Conflict(String variable, String source, int line) {
        public String describe() {
            return line == 0
                    ? variable + " is set in this environment and overrides the client config Signalbox writes"
                            + " (unset it: unset " + variable + ")"
                    : variable + " is exported at " + source + ":" + line
                            + " and overrides the client config Signalbox writes (remove that line)";
        }
    }

    private Conflicts() {
    }

    public static List<Conflict> scan(Env env) {
        List<Conflict> out = new ArrayList<>();
        env.vars().keySet().stream().sorted().filter(k -> NAME.matcher(k).matches() && env.get(k).isPresent())
                .forEach(k -> out.add(new Conflict(k, "environment", 0)));
        Path home = env.userHome();
        for (String f : SHELL_FILES) {
            scanFile(home.resolve(f), POSIX, out);
        }
        Path fish = home.resolve(".config").resolve("fish");
        scanFile(fish.resolve("config.fish"), FISH, out);
        Path confd = fish.resolve("conf.d");
        if (Files.isDirectory(confd)) {
            try (Stream<Path> s = Files.list(confd)) {
                s.filter(p -> p.toString().endsWith(".fish")).sorted().forEach(p -> scanFile(p, FISH, out));
            } catch (IOException ignored) {
                // unreadable directory: nothing to report
            }
        }
        return out;
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
                    out.add(new Conflict(m.group(1), file.toString(), i + 1));
                }
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // unreadable or not UTF-8: skip it
        }
    }
}
