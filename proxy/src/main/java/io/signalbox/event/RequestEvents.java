package io.signalbox.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The engine's event hub: listeners subscribe, the forwarder publishes. A failing listener never breaks a request. */
public final class RequestEvents {
    private static final Logger LOG = Logger.getLogger(RequestEvents.class.getName());
    private final CopyOnWriteArrayList<RequestListener> listeners = new CopyOnWriteArrayList<>();
    /** Whether some listener wants the non-terminal events too. */
    private volatile boolean wantsAll;

    /** Subscribes; returns a handle that unsubscribes when closed. */
    public AutoCloseable subscribe(RequestListener l) {
        listeners.add(l);
        update();
        return () -> {
            listeners.remove(l);
            update();
        };
    }

    private synchronized void update() {
        boolean all = false;
        for (RequestListener l : listeners) {
            all |= !l.terminalOnly();
        }
        wantsAll = all;
    }

    /** False when every listener takes terminal events only (the trace then skips the others). */
    public boolean wantsNonTerminal() {
        return wantsAll;
    }

    public void publish(RequestEvent e) {
        for (RequestListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "a request listener failed: " + ex.getClass().getSimpleName());
            }
        }
    }
}
