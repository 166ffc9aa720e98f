package io.signalbox.server;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects request events. A terminal event is published just after the response's last byte,
 * so tests wait for it ({@link #awaitTerminal}) instead of assuming it is there.
 */
final class EventRecorder implements RequestListener {
    final List<RequestEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onEvent(RequestEvent e) {
        events.add(e);
        notifyAll();
    }

    /** Waits until {@code n} requests have ended (up to a minute), and returns every event. */
    synchronized List<RequestEvent> awaitTerminal(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (events.stream().filter(RequestEvent::isTerminal).count() < n && System.nanoTime() < deadline) {
            wait(100);
        }
        return List.copyOf(events);
    }
}
