package io.signalbox.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.AtomicFiles;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * {@code SIGNALBOX_HOME/client-state.json} (mode 0600): for each client file Signalbox manages,
 * whether it existed before the first {@code use}, the user's own raw values of the owned entries
 * from then, and a hash of the bytes Signalbox last wrote. {@code restore} needs all three. The
 * pristine bytes themselves sit in the backups directory ({@link #pristine}). It also keeps the
 * profile the client was last pointed at ({@code profile}), so a client left behind by a switch to
 * a profile it cannot use can be pinned to the one it had, and the file's POSIX permissions from
 * before the first {@code use} ({@code mode}, e.g. {@code rw-r--r--}; absent where there are none),
 * which {@code restore} puts back.
 */
final class ClientState {
    static final String FILE_NAME = "client-state.json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileState(String path, boolean existed, Map<String, String> owned, String written, String profile,
            String mode) {
        /** After a write: the hash of the bytes and the profile they point the client at. */
        FileState withWritten(String sha, String profileName) {
            return new FileState(path, existed, owned, sha, profileName, mode);
        }
    }

    record StateFile(Map<String, FileState> files) {
        StateFile {
            files = files == null ? new LinkedHashMap<>() : new LinkedHashMap<>(files);
        }
    }

    private final Path file;
    private final Path backupsDir;

    ClientState(Path signalboxHome, Path backupsDir) {
        this.file = signalboxHome.resolve(FILE_NAME);
        this.backupsDir = backupsDir;
    }

    Path file() {
        return file;
    }

    /** Where the file's bytes from before the first {@code use} are kept. */
    Path pristine(String label) {
        return backupsDir.resolve(label + ".pre-signalbox");
    }

    Optional<FileState> get(String label) {
        return Optional.ofNullable(read().files().get(label));
    }

    /** Callers hold the client file's lock. */
    void put(String label, FileState state) throws IOException {
        StateFile s = read();
        if (state == null) {
            s.files().remove(label);
        } else {
            s.files().put(label, state);
        }
        AtomicFiles.ensurePrivateDir(file.getParent());
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(s), AtomicFiles.OWNER_ONLY);
    }

    private StateFile read() {
        if (!Files.exists(file)) {
            return new StateFile(null);
        }
        try {
            StateFile s = Json.MAPPER.readValue(Files.readAllBytes(file), StateFile.class);
            return s == null ? new StateFile(null) : s;
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "JSON");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e), "check the file's permissions", e);
        }
    }
}
