package io.signalbox.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestTrace;
import io.signalbox.forward.Arrival;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Every client connection, from its first moment. The web server's only connection selector, so it
 * hands each new connection here before reading a byte of it (with several selectors it reads the
 * first bytes itself, beyond anyone's timeout). A connection then
 * <ul>
 *   <li>whose first bytes are not an HTTP/1.1 request line gets {@link ForeignProtocols}' answer;</li>
 *   <li>otherwise is served by the HTTP/1.1 server, as before;</li>
 *   <li>is closed when its client stops sending before a request is whole: no first byte, or a
 *       request line, headers or body that stop coming, for longer than the client idle timeout
 *       (for a body, counted from its latest piece: a slow upload that keeps coming is not cut).
 *       The web server's idle sweep asks each connection whether to close it; a connection waiting
 *       between requests it closes by itself, and this answers for the rest from the
 *       connection's {@link Arrival}. A request that has arrived whole is never cut, however long its
 *       answer takes (a slow upstream, a long stream).</li>
 * </ul>
 * Each cut-off request is published once as a failed request (408, no usage) with what stopped coming.
 */
final class ClientConnections implements ServerConnectionSelector, Http1ConnectionListener {
    private static final Logger LOG = Logger.getLogger(ClientConnections.class.getName());

    private final RequestEvents events;
    private final Http1ConnectionSelector http1;
    private final Duration timeout;
    private final Http1ConnectionListener next;

    /**
     * @param http1 the HTTP/1.1 server's settings, without receive listeners: this is the one
     * @param next told of each request line and header block after this (Helidon 4.5 calls no
     *             receive listener at all when two are configured: its composite of several
     *             implements none of the callbacks)
     * @param timeout how long a request may take to arrive (the client idle timeout)
     */
    ClientConnections(RequestEvents events, Http1Config.Builder http1, Http1ConnectionListener next, Duration timeout) {
        this.events = events;
        this.timeout = timeout;
        this.next = next;
        this.http1 = Http1ConnectionSelector.builder().config(http1.addReceiveListener(this).build()).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED; // the only selector: never asked
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new Watched(ctx);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        next.prologue(ctx, prologue);
        Arrival.requestLine(prologue);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        next.headers(ctx, headers);
        Arrival.headers(hasBody(headers));
    }

    /** Whether a body follows these headers; when unsure (a Content-Length that is not a number) yes: the server refuses those. */
    static boolean hasBody(Headers headers) {
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        try {
            var length = headers.contentLength();
            return length.isPresent() && length.getAsLong() > 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** What the log says when a request stopped coming: what was missing, and for how long. */
    static String cutOffMessage(Arrival.Awaiting awaiting, Duration timeout) {
        String what = awaiting == Arrival.Awaiting.BODY
                ? "sent a request's headers and then stopped before its body was complete"
                : "sent a request line and then stopped before its headers were complete";
        return "the client " + what + "; after " + seconds(timeout) + " with nothing more, the proxy closed the"
                + " connection and forwarded nothing. A client that sends its requests whole is never affected;"
                + " for a client this slow, raise SIGNALBOX_CLIENT_IDLE_SECONDS";
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** One client connection: its arrival, and the HTTP/1.1 connection once its first bytes have come. */
    private final class Watched implements ServerConnection {
        private final ConnectionContext ctx;
        private final Arrival arrival = new Arrival();
        private final long accepted = System.nanoTime();
        private volatile Thread thread;
        private volatile ServerConnection http;
        private volatile boolean closing;

        Watched(ConnectionContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            thread = Thread.currentThread();
            arrival.bind(() -> {
                serve(limit);
                return null;
            });
        }

        private void serve(Limit limit) throws InterruptedException {
            DataReader reader = ctx.dataReader();
            try {
                if (closing) {
                    throw new CloseConnectionException("closed before its first byte");
                }
                reader.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException e) {
                throw new CloseConnectionException("closed by the client before its first byte", e);
            } catch (RuntimeException e) {
                if (closing) {
                    LOG.fine(() -> "closed a client connection that sent nothing for " + seconds(timeout));
                    throw new CloseConnectionException("sent nothing", e);
                }
                throw e;
            }
            byte[] head = ForeignProtocols.head(reader.getBuffer(reader.available()));
            if (ForeignProtocols.kind(head, head.length) != ForeignProtocols.Kind.HTTP_1_1) {
                ForeignProtocols.refuse(ctx, events, head);
                return;
            }
            ServerConnection c = http1.connection(ctx);
            http = c;
            try {
                c.handle(limit);
            } finally {
                // Cut off while its headers were arriving: no route saw it, so it is published here.
                String cut = Arrival.takeCutOff();
                if (cut != null) {
                    HttpPrologue line = arrival.line();
                    new RequestTrace(events, line == null ? "-" : line.method().text(),
                            line == null ? "-" : line.uriPath().rawPath(), arrival.since()).failed(408, cut);
                }
            }
        }

        @Override
        public Duration idleTime() {
            ServerConnection c = http;
            return c != null ? c.idleTime() : Duration.ofNanos(System.nanoTime() - accepted);
        }

        @Override
        public void close(boolean interrupt) {
            ServerConnection c = http;
            if (c == null) {
                // No first byte yet (the sweep found it idle, or the server stops): stop waiting for one.
                closing = true;
                Thread t = thread;
                if (t != null) {
                    t.interrupt();
                }
                return;
            }
            // Waiting for its next request line: the HTTP/1.1 connection closes that itself (what is
            // left in the arrival is the last request's: one the server answered without reading its
            // body, which the server then drained).
            boolean betweenRequests = c instanceof io.helidon.webserver.http1.Http1Connection h && h.canInterrupt();
            if (!interrupt && !betweenRequests) {
                Arrival.Awaiting awaiting = arrival.awaiting();
                if (awaiting != Arrival.Awaiting.NOTHING
                        && arrival.silentNanos(System.nanoTime()) > timeout.toNanos()) {
                    // The connection's own thread publishes it (on the request's trace when a route has one).
                    arrival.cutOff(cutOffMessage(awaiting, timeout));
                    c.close(true);
                    return;
                }
            }
            c.close(interrupt);
        }
    }
}
