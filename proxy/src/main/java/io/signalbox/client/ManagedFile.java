package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.common.AtomicFiles;
import io.signalbox.common.LockedFile;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * One client config file under Signalbox's care: {@link #use} sets the owned entries, {@link #restore}
 * puts the user's own back. Every write is a merge into the bytes on disk right now: read, edit the
 * owned entries in the text, check nothing else changed, then under a lock compare the file with
 * what was read and rename the new version over it only if it is unchanged; otherwise start again.
 */
public final class ManagedFile {
    static final int ATTEMPTS = 8;

    private final Path file;
    private final String label;
    private final OwnedText format;
    private final Signalbox sb;
    private final ClientState state;
    /** Test hook: runs after the merge is computed and before the commit check. */
    Runnable beforeCommit = () -> { };
    private String profile;

    ManagedFile(Signalbox sb, Path file, String name, OwnedText format) {
        this.sb = sb;
        this.file = file.toAbsolutePath();
        this.format = format;
        this.label = name + "-" + sha256(this.file.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        this.state = new ClientState(sb.home(), sb.backups().dir());
    }

    public Path file() {
        return file;
    }

    public boolean managed() {
        return state.get(label).isPresent();
    }

    /** The owned entries the file holds now (raw literals). */
    public Map<String, String> current() {
        String text = read(file) == null ? null : new String(read(file), StandardCharsets.UTF_8);
        format.checkWellFormed(file, text);
        return format.owned(text);
    }

    /**
     * The user's own values of the owned entries: from before Signalbox's first {@code use} if it
     * manages the file, else what the file holds now (raw literals).
     */
    public Map<String, String> userValues() {
        return state.get(label).map(this::userValues).orElseGet(this::current);
    }

    /**
     * The user's values from the copy of the file taken before Signalbox's first {@code use}: right
     * for entries Signalbox came to own in a later version too (the snapshot in the state holds only
     * the entries owned when it was taken). Without that copy (there was no file), the snapshot.
     */
    private Map<String, String> userValues(ClientState.FileState st) {
        Path pristine = state.pristine(label);
        if (!st.existed() || !Files.exists(pristine)) {
            return st.owned();
        }
        try {
            return format.owned(new String(Files.readAllBytes(pristine), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return st.owned();
        }
    }

    /** The profile Signalbox last pointed this file at, if it manages the file and knows. */
    public java.util.Optional<String> lastProfile() {
        return state.get(label).map(ClientState.FileState::profile);
    }

    /** The profile Signalbox last pointed this file at was renamed: remember the new name (the file is not touched). */
    public void profileRenamed(String from, String to) {
        try {
            LockedFile.withLock(sb.home().resolve("client-" + label), () -> {
                var st = state.get(label);
                if (st.isPresent() && from.equalsIgnoreCase(st.get().profile())) {
                    state.put(label, st.get().withWritten(st.get().written(), to));
                }
                return true;
            });
        } catch (IOException e) {
            throw new SignalboxException("cannot update " + state.file() + ": " + e.getMessage(),
                    "check that " + state.file().getParent() + " is writable", e);
        }
    }

    /**
     * Sets the owned entries to {@code target} (raw literals); every other owned entry gets the user's
     * own value back (see {@link OwnedText#withUsersValues}), or is removed if they had none.
     */
    public void use(Map<String, String> target, boolean secretInFile) {
        use(target, secretInFile, null);
    }

    /** As {@link #use(Map, boolean)}, remembering that the file now points at {@code profile}. */
    public void use(Map<String, String> target, boolean secretInFile, String profile) {
        checkWritable();
        this.profile = profile;
        commitLoop(before -> {
            String text = before == null ? null : new String(before, StandardCharsets.UTF_8);
            format.checkWellFormed(file, text);
            Map<String, String> user = state.get(label).map(this::userValues).orElseGet(() -> format.owned(text));
            return checked(text, format.apply(text, format.withUsersValues(target, user)));
        }, true, secretInFile);
    }

    /**
     * Removes the owned entries and puts back the user's values and the file's permissions from before
     * the first {@link #use}.
     */
    public boolean restore() {
        var st = state.get(label);
        if (st.isEmpty()) {
            return false;
        }
        commitLoop(before -> {
            if (before != null && sha256(before).equals(st.get().written())) {
                if (!st.get().existed()) {
                    return null; // Signalbox created the file and nobody changed it since
                }
                Path pristine = state.pristine(label);
                if (Files.exists(pristine)) {
                    return readOrFail(pristine);
                }
                // the copy from before the first use is gone (backups deleted): never delete the user's
                // file for it; take Signalbox's entries out as for a file the user edited
            }
            if (before == null) {
                return null;
            }
            String text = new String(before, StandardCharsets.UTF_8);
            format.checkWellFormed(file, text);
            return checked(text, format.apply(text, userValues(st.get())));
        }, false, false);
        return true;
    }

    /** A file its owner made read-only says "do not change me": Signalbox does not, and says how to allow it. */
    public void checkWritable() {
        try {
            if (Files.exists(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null
                    && !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE)) {
                throw new SignalboxException(file + " is read-only (mode " + posixMode(file) + "), so Signalbox has"
                        + " left it unchanged", "make it writable if Signalbox should point this client at a profile:"
                        + " chmod u+w " + file + " (or leave this client out: --clients)");
            }
        } catch (IOException e) {
            // unreadable attributes: the write itself will say what is wrong
        }
    }

    private interface Merge {
        byte[] apply(byte[] before);
    }

    private byte[] checked(String text, String next) {
        if (next == null) {
            return null;
        }
        if (!format.sameExceptOwned(text, next)) {
            throw new SignalboxException("refusing to write " + file + ": the edit would change entries Signalbox"
                    + " does not own", "this is a bug in Signalbox; the file is unchanged — please report it");
        }
        format.checkWellFormed(file, next);
        return next.getBytes(StandardCharsets.UTF_8);
    }

    private void commitLoop(Merge merge, boolean using, boolean secretInFile) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] before = read(file);
            byte[] after = merge.apply(before);
            beforeCommit.run();
            try {
                boolean done = LockedFile.withLock(sb.home().resolve("client-" + label), () -> {
                    if (!Arrays.equals(before, read(file))) {
                        return false; // someone else wrote it meanwhile: merge again
                    }
                    commit(before, after, using, secretInFile);
                    return true;
                });
                if (done) {
                    return;
                }
            } catch (IOException e) {
                throw new SignalboxException("cannot write " + file + ": " + SignalboxException.why(e),
                        "check that " + file.getParent() + " is writable", e);
            }
        }
        throw new SignalboxException(file + " kept changing while Signalbox tried to update it",
                "close the program that is writing it (e.g. a running Claude Code) and try again");
    }

    private void commit(byte[] before, byte[] after, boolean using, boolean secretInFile) throws IOException {
        var st = state.get(label);
        if (using && st.isEmpty()) {
            String text = before == null ? null : new String(before, StandardCharsets.UTF_8);
            if (before != null) {
                AtomicFiles.ensurePrivateDir(state.pristine(label).getParent());
                AtomicFiles.write(state.pristine(label), before, AtomicFiles.OWNER_ONLY);
            }
            state.put(label, new ClientState.FileState(file.toString(), before != null, format.owned(text), null, null,
                    before != null ? posixMode(file) : null));
            st = state.get(label);
        }
        sb.backups().backup(label, file);
        Set<PosixFilePermission> userMode = using ? null : st.map(ClientState.FileState::mode)
                .map(PosixFilePermissions::fromString).orElse(null);
        // a settings file linked from the user's dotfiles stays a link: the file it points to is written
        Path target = Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
        if (after == null) {
            Files.deleteIfExists(file);
        } else if (!Arrays.equals(before, after)) {
            // while Signalbox manages the file it holds a credential (the provider's key in direct mode,
            // the proxy's local token in proxy mode, which spends the key as well): only the user may
            // read it; restore gives back the mode the file had before
            AtomicFiles.write(target, after, using || secretInFile || before == null ? AtomicFiles.OWNER_ONLY : userMode);
        } else if (userMode != null && !userMode.equals(Files.getPosixFilePermissions(target))) {
            Files.setPosixFilePermissions(target, userMode); // restore: the bytes were already the user's
        }
        if (using) {
            state.put(label, st.orElseThrow().withWritten(after == null ? null : sha256(after), profile));
        } else {
            state.put(label, null);
            Files.deleteIfExists(state.pristine(label));
        }
    }

    /** The file's POSIX permissions as {@code rw-r--r--}, or null where the file system has none. */
    private static String posixMode(Path p) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) == null) {
            return null;
        }
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static byte[] read(Path p) {
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + p + ": " + SignalboxException.why(e), "check the file's permissions", e);
        }
    }

    private static byte[] readOrFail(Path p) {
        byte[] b = read(p);
        if (b == null) {
            throw new SignalboxException(p + " is missing", "restore the file by hand from " + p.getParent());
        }
        return b;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
