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
