package io.signalbox.secret;

import io.signalbox.common.AtomicFiles;
import io.signalbox.common.LockedFile;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The explicit opt-in fallback: keys in {@code SIGNALBOX_HOME/secrets.json}, mode 0600. Every
 * time it is opened it warns (through {@code warn}) that keys sit in a plain file.
 */
public final class FileSecretStore implements SecretStore {
    public static final String FILE_NAME = "secrets.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() { };

    private final Path file;

    public FileSecretStore(Path signalboxHome, Consumer<String> warn) {
        this.file = signalboxHome.resolve(FILE_NAME);
        warn.accept("keys are kept in a plain file (" + file + ", mode 0600), not in the OS keychain,"
                + " because SIGNALBOX_SECRET_STORE=file or the 'file' secret store is set;"
                + " anyone who can read files as you (any program you run, or an administrator) can read the keys");
    }

    public Path file() {
        return file;
    }

    private TreeMap<String, String> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            TreeMap<String, String> m = MAPPER.readValue(Files.readAllBytes(file), MAP);
            return m == null ? new TreeMap<>() : m;
        } catch (JacksonException e) {
            // No location/message: the file's content is secret.
            throw new SignalboxException(file + " is not a valid secrets file",
                    "remove it and store the keys again with: signalbox profile edit NAME --key-stdin");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check the file's permissions (it should be 0600 and yours)");
        }
    }

    private void write(TreeMap<String, String> m) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(m), AtomicFiles.OWNER_ONLY);
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, AtomicFiles.OWNER_ONLY);
        }
    }

    private void change(java.util.function.Consumer<TreeMap<String, String>> edit) {
        try {
            LockedFile.withLock(file, () -> {
                TreeMap<String, String> m = read();
                edit.accept(m);
                write(m);
                return null;
            });
        } catch (IOException e) {
            throw new SignalboxException("cannot write " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check that " + file.getParent() + " is writable");
        }
    }

    @Override
    public void put(String profile, String key) {
        change(m -> m.put(profile, key));
    }

    @Override
    public Optional<String> get(String profile) {
        return Optional.ofNullable(read().get(profile));
    }

    @Override
    public void delete(String profile) {
        if (Files.exists(file)) {
            change(m -> m.remove(profile));
        }
    }

    @Override
    public String describe() {
        return "file " + file + " (0600; opt-in)";
    }
}
