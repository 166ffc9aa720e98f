package io.signalbox.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over
 * the target, fsync the directory. A reader (or a crash at any instant) sees the old file or the
 * new one, never a mix. The target's permissions are kept; a new file gets {@code newFilePerms}.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();

    private AtomicFiles() {
    }

    /**
     * How many writes this process has completed (or attempted) so far: a cache of a file's contents
     * that saw the same count has missed no write made by this process.
     */
    public static long writes() {
        return WRITES.get();
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /**
     * @param forcePerms permissions to set whatever the old file had (e.g. 0600 for files with
     *                   secrets); {@code null} keeps the existing file's, or the default for a new one
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> forcePerms) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> perms = forcePerms;
        if (perms == null && Files.exists(target) && isPosix(target)) {
            perms = Files.getPosixFilePermissions(target);
        }
        removeStaleTemps(dir, target.getFileName().toString());
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (perms != null && isPosix(tmp)) {
                    Files.setPosixFilePermissions(tmp, perms);
                }
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                // after the rename: whoever reads the new count also sees the new file
                WRITES.incrementAndGet();
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temp files left by a writer that was killed mid-write (its process is gone). */
    private static void removeStaleTemps(Path dir, String name) {
        String prefix = "." + name + ".tmp-";
        try (var s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException ignored) {
                    // not ours to judge by pid: a temp of unknown shape from a dead writer
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a stale temp file is harmless
        }
    }

    private static boolean isPosix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a directory be opened (Windows); the rename is still atomic there.
        }
    }

    /** Creates {@code dir} (and parents) readable by the owner only where the file system allows. */
    public static Path ensurePrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (isPosix(dir)) {
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (FileSystemException ignored) {
                    // best effort
                }
            }
        }
        return dir;
    }
}
