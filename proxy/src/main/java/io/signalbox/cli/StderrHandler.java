package io.signalbox.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes formatted records to stderr like {@link java.util.logging.ConsoleHandler}, but without a
 * write and flush per line: INFO lines (one per proxied request under {@code serve}) collect in
 * memory and go out together at most {@link #FLUSH_DELAY_MS} later, or at once when
 * {@link #MAX_BUFFERED} characters are waiting. WARNING and above, {@link #flush()} and
 * {@link #close()} write everything at once; after close every record is written directly, so no
 * line is lost at shutdown. Idle, the flusher thread sleeps (no periodic wake-ups); it ends at close.
 */
final class StderrHandler extends Handler {
    static final long FLUSH_DELAY_MS = 20;
    static final int MAX_BUFFERED = 32 * 1024;

    private final PrintStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    /** Held while a batch is taken and written, so batches reach stderr in order. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private StringBuilder pending = new StringBuilder(4096);
    private boolean closed;

    StderrHandler(PrintStream out) {
        this.out = out;
        Thread.ofPlatform().daemon().name("signalbox-log-flusher").start(this::flushLoop);
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(r);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        boolean now;
        lock.lock();
        try {
            boolean wasEmpty = pending.isEmpty();
            pending.append(line);
            now = closed || r.getLevel().intValue() >= Level.WARNING.intValue() || pending.length() >= MAX_BUFFERED;
            if (wasEmpty && !now) {
                filled.signal();
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            flush();
        }
    }

    private void flushLoop() {
        while (true) {
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    filled.await();
                }
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(FLUSH_DELAY_MS);
            } catch (InterruptedException e) {
                flush();
                return;
            }
            flush();
        }
    }

    /** Writes every waiting line now. */
    @Override
    public void flush() {
        writeLock.lock();
        try {
            StringBuilder batch;
            lock.lock();
            try {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new StringBuilder(Math.max(4096, batch.length()));
            } finally {
                lock.unlock();
            }
            out.print(batch);
            out.flush();
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.WRITE_FAILURE);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes what is waiting; later records are written at once (stderr itself stays open). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            filled.signalAll();
        } finally {
            lock.unlock();
        }
        flush();
    }
}
