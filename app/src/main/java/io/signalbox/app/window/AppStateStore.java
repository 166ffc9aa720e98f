package io.signalbox.app.window;

import io.signalbox.common.AtomicFiles;
import io.signalbox.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reads and writes {@link AppState}; a missing or unreadable file means the defaults (it is only comfort). */
public final class AppStateStore {
    public static final String FILE_NAME = "app-state.json";
    private static final Logger LOG = Logger.getLogger(AppStateStore.class.getName());
    private final Path file;

    public AppStateStore(Path signalboxHome) {
        this.file = signalboxHome.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public AppState load() {
        if (!Files.exists(file)) {
            return AppState.DEFAULTS;
        }
        try {
            AppState s = Json.MAPPER.readValue(Files.readAllBytes(file), AppState.class);
            return s == null ? AppState.DEFAULTS : s;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "ignoring unreadable " + file + ": " + e.getMessage());
            return AppState.DEFAULTS;
        }
    }

    public void save(AppState s) {
        try {
            AtomicFiles.ensurePrivateDir(file.getParent());
            AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(s));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "could not write " + file + ": " + e.getMessage());
        }
    }
}
