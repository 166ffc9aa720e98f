package io.signalbox.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything lives. Every location comes from the environment, so tests (and users) point
 * Signalbox at other directories with {@code SIGNALBOX_HOME}, {@code CLAUDE_CONFIG_DIR} and
 * {@code CODEX_HOME}; nothing reads {@link System#getenv()} anywhere else.
 */
public record Env(Map<String, String> vars, Path userHome, String osName) {

    public static Env system() {
        return system(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }

    /**
     * The user's home as the shell and the clients see it: {@code $HOME} ({@code %USERPROFILE%} on
     * Windows), Java's {@code user.home} ({@code javaUserHome}) only when that is not set.
     */
    static Env system(Map<String, String> vars, String javaUserHome, String osName) {
        Env bare = new Env(vars, Path.of(javaUserHome), osName);
        String home = bare.get(bare.isWindows() ? "USERPROFILE" : "HOME").orElse(javaUserHome);
        return new Env(vars, Path.of(home), osName);
    }

    public static Env of(Map<String, String> vars, Path userHome) {
        return new Env(vars, userHome, "Linux");
    }

    public Optional<String> get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public boolean flag(String name) {
        return get(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))
                .orElse(false);
    }

    /** {@code $SIGNALBOX_HOME}, else the platform's config directory. */
    public Path signalboxHome() {
        return get("SIGNALBOX_HOME").map(Path::of).orElseGet(() -> platformConfigDir().resolve(appDirName()));
    }

    /** Claude Code's config directory: {@code $CLAUDE_CONFIG_DIR}, else {@code ~/.claude}. */
    public Path claudeConfigDir() {
        return get("CLAUDE_CONFIG_DIR").map(Path::of).orElseGet(() -> userHome.resolve(".claude"));
    }

    /** Codex's home: {@code $CODEX_HOME}, else {@code ~/.codex}. */
    public Path codexHome() {
        return get("CODEX_HOME").map(Path::of).orElseGet(() -> userHome.resolve(".codex"));
    }

    private String appDirName() {
        return isWindows() || isMac() ? "Signalbox" : "signalbox";
    }

    private Path platformConfigDir() {
        if (isWindows()) {
            return get("APPDATA").map(Path::of).orElseGet(() -> userHome.resolve("AppData").resolve("Roaming"));
        }
        if (isMac()) {
            return userHome.resolve("Library").resolve("Application Support");
        }
        return get("XDG_CONFIG_HOME").map(Path::of).orElseGet(() -> userHome.resolve(".config"));
    }

    /**
     * The directory the command was started in: the shell's {@code PWD} when it is an absolute path,
     * else the JVM's working directory.
     */
    public Path workingDir() {
        Optional<String> pwd = get("PWD");
        if (pwd.isPresent()) {
            try {
                Path p = Path.of(pwd.get());
                if (p.isAbsolute()) {
                    return p;
                }
            } catch (java.nio.file.InvalidPathException ignored) {
                // fall back below
            }
        }
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    public boolean isWindows() {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public boolean isMac() {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.startsWith("mac") || os.startsWith("darwin");
    }
}
