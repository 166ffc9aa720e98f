package io.signalbox.config;

import io.signalbox.common.Env;
import io.signalbox.common.Json;
import io.signalbox.common.LockedFile;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;

/** Reads and writes {@link Settings}; environment overrides ({@code SIGNALBOX_PORT}) apply on read. */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    private final Path file;
    private final Env env;

    public SettingsStore(Path signalboxHome, Env env) {
        this.file = signalboxHome.resolve(FILE_NAME);
        this.env = env;
    }

    public Path file() {
        return file;
    }

    /** The settings as stored, without environment overrides. */
    public Settings stored() {
        if (!Files.exists(file)) {
            return Settings.DEFAULTS;
        }
        try {
            Settings s = Json.MAPPER.readValue(Files.readAllBytes(file), Settings.class);
            return s == null ? Settings.DEFAULTS : s;
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "settings JSON");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
        }
    }

    /** The effective settings: stored values with {@code SIGNALBOX_PORT} applied. */
    public Settings load() {
        Settings s = stored();
        var port = env.get("SIGNALBOX_PORT");
        if (port.isPresent()) {
            s = s.withPort(parsePort(port.get(), "SIGNALBOX_PORT"));
        }
        return s;
    }

    /** The proxy's effective port. */
    public int port() {
        return load().portOrDefault();
    }

    public static int parsePort(String v, String source) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new SignalboxException(source + "='" + v + "' is not a TCP port", "use a number from 1 to 65535");
        }
    }

    public Settings update(UnaryOperator<Settings> change) {
        try {
            return LockedFile.withLock(file, () -> {
                Settings next = change.apply(stored());
                Json.writeFile(file, next);
                return next;
            });
        } catch (IOException e) {
            throw new SignalboxException("cannot write " + file + ": " + e.getMessage(),
                    "check that the directory is writable", e);
        }
    }
}
