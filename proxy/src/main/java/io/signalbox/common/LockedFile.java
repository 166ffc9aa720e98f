package io.signalbox.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cross-process lock for one state file ({@code NAME.lock} beside it), so that two Signalbox
 * processes (the tray app and a {@code signalbox} command) never interleave a read-modify-write.
 */
public final class LockedFile {
    private static final java.util.concurrent.ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LockedFile() {
    }

    public interface IoAction<T> {
        T run() throws IOException;
    }

    public static <T> T withLock(Path file, IoAction<T> action) throws IOException {
        Path lockPath = file.toAbsolutePath().resolveSibling(file.getFileName() + ".lock");
        AtomicFiles.ensurePrivateDir(lockPath.getParent());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockPath, p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return action.run();
        } finally {
            local.unlock();
        }
    }
}
