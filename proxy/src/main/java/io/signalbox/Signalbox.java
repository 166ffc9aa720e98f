package io.signalbox;

import io.signalbox.common.Backups;
import io.signalbox.common.Env;
import io.signalbox.config.Settings;
import io.signalbox.config.SettingsStore;
import io.signalbox.profile.ProfileStore;
import io.signalbox.secret.SecretStore;
import io.signalbox.secret.SecretStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The engine's front door: one object that knows where state lives and hands out the stores.
 * The CLI and the desktop app both start here; nothing else resolves paths or opens stores.
 */
public final class Signalbox {
    public static final int BACKUPS_KEPT = 10;

    private final Env env;
    private final Path home;
    private final Clock clock;
    private final Consumer<String> warn;
    private final Backups backups;
    private final ProfileStore profiles;
    private final SettingsStore settings;
    private SecretStore secrets;

    public Signalbox(Env env, Clock clock, Consumer<String> warn) {
        this.env = env;
        this.home = env.signalboxHome().toAbsolutePath();
        this.clock = clock;
        this.warn = warn;
        this.backups = new Backups(home.resolve("backups"), BACKUPS_KEPT, clock);
        this.profiles = new ProfileStore(home, backups);
        this.settings = new SettingsStore(home, env);
    }

    public static Signalbox open(Env env, Consumer<String> warn) {
        return new Signalbox(env, Clock.systemUTC(), warn);
    }

    public Env env() {
        return env;
    }

    public Path home() {
        return home;
    }

    public Clock clock() {
        return clock;
    }

    public Consumer<String> warn() {
        return warn;
    }

    public Backups backups() {
        return backups;
    }

    public ProfileStore profiles() {
        return profiles;
    }

    public SettingsStore settings() {
        return settings;
    }

    /** The secret store chosen by {@code SIGNALBOX_SECRET_STORE} or the settings; opened on first use. */
    public synchronized SecretStore secrets() {
        if (secrets == null) {
            Settings s = settings.stored();
            secrets = SecretStores.open(env, home, s.secretStore(), warn);
        }
        return secrets;
    }

    /** The local proxy's token (created on first use). */
    public String localToken() {
        return io.signalbox.secret.LocalToken.getOrCreate(home);
    }

    /** For tests and the app: use this store instead of the configured one. */
    public synchronized Signalbox withSecrets(SecretStore store) {
        this.secrets = store;
        return this;
    }

    public static String version() {
        try (InputStream in = Signalbox.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
