package io.signalbox.app.settings;

import io.signalbox.common.AtomicFiles;
import io.signalbox.common.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Start at login" on Linux: an XDG autostart entry, {@code $XDG_CONFIG_HOME/autostart/signalbox.desktop}
 * (else {@code ~/.config/autostart}). Other systems: not offered yet ({@link #supported()}).
 */
public final class Autostart {
    private final Env env;
    private final String command;

    public Autostart(Env env, String command) {
        this.env = env;
        this.command = command;
    }

    /**
     * The command that starts the app hidden (in the tray) at login: the installed launcher when the app
     * runs from one ({@code appPath}, the {@code jpackage.app-path} its launcher sets), else the JVM with
     * the app's jar; each part quoted as the desktop entry spec asks when it holds a space or a quote.
     */
    public static String command(String appPath, String java, String jarPath) {
        if (appPath != null && !appPath.isBlank()) {
            return quote(appPath) + " --hidden";
        }
        if (jarPath != null && jarPath.endsWith(".jar")) {
            return quote(java) + " -jar " + quote(jarPath) + " --hidden";
        }
        return "signalbox-app --hidden";
    }

    private static String quote(String arg) {
        if (arg.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0)) {
            return arg;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    public boolean supported() {
        return !env.isWindows() && !env.isMac();
    }

    public Path file() {
        Path config = env.get("XDG_CONFIG_HOME").map(Path::of).orElseGet(() -> env.userHome().resolve(".config"));
        return config.resolve("autostart").resolve("signalbox.desktop");
    }

    public boolean enabled() {
        return supported() && Files.exists(file());
    }

    public void set(boolean on) throws IOException {
        if (!supported()) {
            return;
        }
        if (!on) {
            Files.deleteIfExists(file());
            return;
        }
        Files.createDirectories(file().getParent());
        String entry = """
                [Desktop Entry]
                Type=Application
                Name=Signalbox
                Comment=Switch Claude Code and Codex between model providers
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(command);
        AtomicFiles.write(file(), entry.getBytes(StandardCharsets.UTF_8));
    }
}
