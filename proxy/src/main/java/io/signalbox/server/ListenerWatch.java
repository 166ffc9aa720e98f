package io.signalbox.server;

import io.signalbox.common.SignalboxException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Notices that Helidon's listener thread ended while the server was meant to run. When accept()
 * fails with an error it does not expect (EMFILE, "too many open files", among them) Helidon logs
 * "Got a throwable while listening, this server socket is terminating now" and stops accepting for
 * good, while {@code WebServer.isRunning()} stays true. This handler on Helidon's listener logger
 * turns that record into a failure the proxy reports ({@link ProxyServer#isRunning()} false,
 * {@link ProxyServer#listenerFailure()} completes) so the process embedding it can exit or restart.
 */
final class ListenerWatch extends Handler {
    static final String LOGGER = "io.helidon.webserver.ServerListener";
    private static final Logger HELIDON = Logger.getLogger(LOGGER);

    private final CompletableFuture<SignalboxException> failure = new CompletableFuture<>();
    private final int port;

    private ListenerWatch(int port) {
        this.port = port;
    }

    static ListenerWatch install(int port) {
        ListenerWatch w = new ListenerWatch(port);
        HELIDON.addHandler(w);
        return w;
    }

    CompletableFuture<SignalboxException> failure() {
        return failure;
    }

    @Override
    public void publish(LogRecord r) {
        String m = r.getMessage();
        if (m == null || !m.contains("terminating") || failure.isDone()) {
            return;
        }
        Throwable t = r.getThrown();
        String why = t == null ? "" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        boolean files = why.toLowerCase(java.util.Locale.ROOT).contains("too many open files");
        failure.complete(new SignalboxException("the Signalbox proxy on 127.0.0.1:" + port
                + " stopped accepting connections" + (why.isEmpty() ? "" : " (" + why + ")"),
                (files ? "too many open files: raise the limit (ulimit -n 4096) or close programs holding many"
                        + " connections, then " : "") + "restart it (signalbox serve, or restart the desktop app)", t));
        System.getLogger(ProxyServer.class.getName()).log(System.Logger.Level.ERROR,
                failure.join().getMessage() + "; fix: " + failure.join().fix());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        HELIDON.removeHandler(this);
    }
}
