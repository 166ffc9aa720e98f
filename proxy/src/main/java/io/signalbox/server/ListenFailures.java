package io.signalbox.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Why Helidon's listener did not start. Helidon's WebServer does not throw when its port cannot be
 * bound: {@code start()} logs the failure (SEVERE, with the exception) and returns a server that
 * is not running. While a start runs on this thread, the {@link BindException} is taken from that
 * log record and the record (with Helidon's "failed to start" line after it) is not logged, since
 * the proxy throws its own error naming the port; every other record of Helidon's goes through.
 */
final class ListenFailures {
    /** Helidon's logger (held here: the filter lives on this instance). */
    private static final Logger HELIDON = Logger.getLogger("io.helidon.webserver.LoomServer");
    private static final ThreadLocal<BindException[]> CAPTURE = new ThreadLocal<>();
    private static final String FAILED_TO_START = "Helidon WebServer failed to start";

    static {
        Filter previous = HELIDON.getFilter();
        HELIDON.setFilter(r -> keep(r) && (previous == null || previous.isLoggable(r)));
    }

    private ListenFailures() {
    }

    /** Runs {@code start} and returns the bind failure it logged, or null. */
    static BindException during(Supplier<?> start) {
        BindException[] seen = new BindException[1];
        CAPTURE.set(seen);
        try {
            start.get();
        } finally {
            CAPTURE.remove();
        }
        return seen[0];
    }

    private static boolean keep(LogRecord r) {
        BindException[] seen = CAPTURE.get();
        if (seen == null) {
            return true;
        }
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                seen[0] = b;
                return false;
            }
        }
        return !(seen[0] != null && r.getMessage() != null && r.getMessage().startsWith(FAILED_TO_START));
    }

    /** True when {@code failure} (or, without one, a listener found on the port) says the port is taken. */
    static boolean inUse(BindException failure, int port) {
        if (failure != null && failure.getMessage() != null
                && failure.getMessage().toLowerCase(Locale.ROOT).contains("in use")) {
            return true;
        }
        if (port <= 0) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
