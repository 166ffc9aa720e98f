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
            return s == null ? Settings.DEFAULTS : checked(s);
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "settings JSON");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e), "check the file's permissions", e);
        }
    }

    /** This version writes and reads settings of this schema; a newer file is refused, never rewritten. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Refuses a file from a newer Signalbox (rewriting it would drop what this version does not know)
     * and values no proxy can run with, naming the file and the fix before anything uses them.
     */
    private Settings checked(Settings s) {
        if (s.schemaVersion() != null && s.schemaVersion() > SCHEMA_VERSION) {
            throw new SignalboxException(file + " was written by a newer Signalbox (schema " + s.schemaVersion()
                    + ", this one reads up to " + SCHEMA_VERSION + ")", "upgrade Signalbox; the file is left unchanged");
        }
        if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
            throw new SignalboxException(file + ": \"port\": " + s.port() + " is not a TCP port",
                    "use a number from 1 to 65535 (or remove the entry for the default " + Settings.DEFAULT_PORT + ")");
        }
        if (s.mode() != null && !s.mode().equals("proxy") && !s.mode().equals("direct")) {
            throw new SignalboxException(file + ": \"mode\": '" + s.mode() + "' is neither proxy nor direct",
                    "write \"proxy\" or \"direct\" (or remove the entry for proxy)");
        }
        positive(s.connectTimeoutSeconds(), "connectTimeoutSeconds", 10);
        positive(s.idleTimeoutSeconds(), "idleTimeoutSeconds", 300);
        positive(s.usageRetentionDays(), "usageRetentionDays", Settings.DEFAULT_USAGE_RETENTION_DAYS);
        Integer cool = s.failoverCooldownSeconds();
        if (cool != null && (cool < 0 || cool > Settings.MAX_FAILOVER_COOLDOWN_SECONDS)) {
            throw new SignalboxException(file + ": \"failoverCooldownSeconds\": " + cool + " is not from 0 to "
                    + Settings.MAX_FAILOVER_COOLDOWN_SECONDS, "give the seconds a failed profile is passed over (0: never),"
                    + " or remove the entry for the default " + Settings.DEFAULT_FAILOVER_COOLDOWN_SECONDS);
        }
        return s;
    }

    private void positive(Integer v, String key, int dflt) {
        if (v != null && v <= 0) {
            throw new SignalboxException(file + ": \"" + key + "\": " + v + " must be more than 0",
                    "give a number of " + (key.endsWith("Days") ? "days" : "seconds") + " (or remove the entry for the"
                            + " default " + dflt + ")");
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
            throw new SignalboxException("cannot write " + file + ": " + SignalboxException.why(e),
                    "check that the directory is writable", e);
        }
    }
}
