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
     * the app's jar. Written as the Desktop Entry spec's {@code Exec} key asks: an argument holding a
     * space or a reserved character is quoted (with {@code "}, {@code `}, {@code $} and {@code \} escaped in
     * it), {@code %} is doubled, and the key's own string escaping then doubles every backslash.
     */
    public static String command(String appPath, String java, String jarPath) {
        String cmd;
        if (appPath != null && !appPath.isBlank()) {
            cmd = quote(appPath) + " --hidden";
        } else if (jarPath != null && jarPath.endsWith(".jar")) {
            cmd = quote(java) + " -jar " + quote(jarPath) + " --hidden";
        } else {
            cmd = "signalbox-app --hidden";
        }
        return cmd.replace("\\", "\\\\");
    }

    private static String quote(String arg) {
        String a = arg.replace("%", "%%");
        if (a.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0)) {
            return a;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : a.toCharArray()) {
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
