package io.signalbox.forward;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests being relayed right now, so shutdown can let them finish and then end the rest
 * with an error event instead of cutting them off.
 */
public final class InFlight {
    /** One relayed response. */
    public final class Ticket implements AutoCloseable {
        private final AutoCloseable upstream;
        private volatile boolean aborted;

        private Ticket(AutoCloseable upstream) {
            this.upstream = upstream;
        }

        /** True when shutdown ended this request. */
        public boolean aborted() {
            return aborted;
        }

        void abort() {
            aborted = true;
            try {
                upstream.close();
            } catch (Exception ignored) {
                // the relay sees the closed stream
            }
        }

        @Override
        public void close() {
            tickets.remove(this);
            if (draining) { // only shutdown waits for the set to empty: no lock per request otherwise
                synchronized (InFlight.this) {
                    InFlight.this.notifyAll();
                }
            }
        }
    }

    private final Set<Ticket> tickets = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** Registers a response being relayed; {@code upstream} is closed if shutdown ends it. */
    Ticket open(AutoCloseable upstream) {
        Ticket t = new Ticket(upstream);
        tickets.add(t);
        return t;
    }

    public int count() {
        return tickets.size();
    }

    /** Waits up to {@code grace} for every request to finish, then ends the rest. */
    public void drain(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        synchronized (this) {
            while (!tickets.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        tickets.forEach(Ticket::abort);
    }
}
