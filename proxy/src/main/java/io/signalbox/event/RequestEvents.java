package io.signalbox.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The engine's event hub: listeners subscribe, the forwarder publishes. A failing listener never breaks a request. */
public final class RequestEvents {
    private static final Logger LOG = Logger.getLogger(RequestEvents.class.getName());
    private final CopyOnWriteArrayList<RequestListener> listeners = new CopyOnWriteArrayList<>();

    /** Subscribes; returns a handle that unsubscribes when closed. */
    public AutoCloseable subscribe(RequestListener l) {
        listeners.add(l);
        return () -> listeners.remove(l);
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
