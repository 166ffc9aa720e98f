package io.signalbox.forward;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The idle timeout of plain-text upstream exchanges, kept by one sweeper thread instead of a socket
 * read timeout. A socket timeout on a virtual thread schedules a timer task on every blocking read
 * and cancels it when the read returns — two cross-thread wake-ups per read, a large share of a
 * local proxy's CPU. Here every read only stamps {@link Ticket#touch()} (one {@code nanoTime()});
 * the sweeper looks at the stamps a few times per timeout and closes the connection of an exchange
 * that was idle for longer than the timeout, which ends its blocked read with an error that
 * {@link Ticket#timedOut()} then names as the idle timeout.
 */
final class IdleWatch implements AutoCloseable {
    /** One exchange being watched. */
    static final class Ticket {
        private final Runnable onTimeout;
        private volatile long lastNanos = System.nanoTime();
        private volatile boolean timedOut;

        private Ticket(Runnable onTimeout) {
            this.onTimeout = onTimeout;
        }

        /** Something arrived (or was sent): the idle clock starts again. */
        void touch() {
            lastNanos = System.nanoTime();
        }

        /** True once the sweeper closed this exchange for being idle too long. */
        boolean timedOut() {
            return timedOut;
        }
    }

    private final long timeoutNanos;
    private final long sweepNanos;
    private final Set<Ticket> watched = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    IdleWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        // Checked ten times per timeout, at least every second and at most every 10 ms: a timeout
        // fires between 1.0x and 1.1x its length.
        this.sweepNanos = Math.clamp(timeoutNanos / 10, 10_000_000L, 1_000_000_000L);
        this.sweeper = Thread.ofPlatform().daemon().name("signalbox-upstream-idle").unstarted(this::sweep);
        sweeper.start();
    }

    /** Starts watching an exchange; {@code onTimeout} closes its connection. */
    Ticket watch(Runnable onTimeout) {
        Ticket t = new Ticket(onTimeout);
        watched.add(t);
        return t;
    }

    /** The exchange is over (or failed): no longer watched. */
    void done(Ticket t) {
        watched.remove(t);
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(sweepNanos);
            long now = System.nanoTime();
            for (Ticket t : watched) {
                if (now - t.lastNanos > timeoutNanos) {
                    watched.remove(t);
                    t.timedOut = true;
                    try {
                        t.onTimeout.run();
                    } catch (RuntimeException ignored) {
                        // already closed
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }
}
