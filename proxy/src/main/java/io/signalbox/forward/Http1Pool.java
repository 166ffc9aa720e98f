package io.signalbox.forward;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import java.net.URI;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive HTTP/1.1 connections to plain-text upstreams, handed to Helidon's client per request.
 * Helidon's own pool starts a monitor thread on every idle connection and joins it on reuse (a
 * hand-off per request, and up to 100 ms when the monitor is mid-read); this pool does not watch
 * idle connections. Instead a connection idle for longer than {@link #MAX_IDLE_NANOS} is dropped
 * (servers such as Node's close theirs after 5 s), and the caller retries once on a fresh
 * connection when a reused one fails before any response arrived.
 */
final class Http1Pool implements AutoCloseable {
    static final long MAX_IDLE_NANOS = 4_000_000_000L;
    static final int MAX_IDLE_PER_HOST = 256;
    private static final List<String> ALPN = List.of("http/1.1");

    /** A connection for one exchange. */
    record Lease(ClientConnection connection, boolean reused) {
        void discard() {
            connection.closeResource();
        }

        /** The connection as handed to Helidon's client: see {@link FixedTimeout}. */
        ClientConnection forRequest() {
            return new FixedTimeout(connection);
        }
    }

    /**
     * A pooled connection whose socket read timeout stays as connected (none: the idle timeout is
     * the {@link IdleWatch}'s). Helidon's client sets the timeout on every request, which costs a
     * socket option call (~1 % of the proxy's CPU) for nothing.
     */
    private record FixedTimeout(ClientConnection c) implements ClientConnection {
        @Override
        public io.helidon.common.buffers.DataReader reader() {
            return c.reader();
        }

        @Override
        public io.helidon.common.buffers.DataWriter writer() {
            return c.writer();
        }

        @Override
        public String channelId() {
            return c.channelId();
        }

        @Override
        public io.helidon.common.socket.HelidonSocket helidonSocket() {
            return c.helidonSocket();
        }

        @Override
        public void readTimeout(java.time.Duration timeout) {
            // kept as connected
        }

        @Override
        public boolean allowExpectContinue() {
            return c.allowExpectContinue();
        }

        @Override
        public void allowExpectContinue(boolean allow) {
            c.allowExpectContinue(allow);
        }

        @Override
        public boolean isConnected() {
            return c.isConnected();
        }

        @Override
        public ClientConnection connect() {
            c.connect();
            return this;
        }

        @Override
        public void releaseResource() {
            c.releaseResource();
        }

        @Override
        public void closeResource() {
            c.closeResource();
        }
    }

    private record Idle(ClientConnection connection, long since) {
    }

    private final class Host {
        final ConnectionKey key;
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();

        Host(ConnectionKey key) {
            this.key = key;
        }

        boolean release(ClientConnection c) {
            if (closed || !c.isConnected() || size.incrementAndGet() > MAX_IDLE_PER_HOST) {
                size.decrementAndGet();
                return false;
            }
            idle.offerFirst(new Idle(c, System.nanoTime()));
            if (closed) {
                drain();
            }
            return true;
        }

        ClientConnection take() {
            Idle i;
            while ((i = idle.pollFirst()) != null) {
                size.decrementAndGet();
                if (i.connection.isConnected() && System.nanoTime() - i.since < MAX_IDLE_NANOS) {
                    return i.connection;
                }
                i.connection.closeResource();
            }
            return null;
        }

        void drain() {
            Idle i;
            while ((i = idle.pollFirst()) != null) {
                size.decrementAndGet();
                i.connection.closeResource();
            }
        }
    }

    private final WebClient client;
    private final Tls plainText = Tls.builder().enabled(false).build();
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Http1Pool(WebClient client) {
        this.client = client;
    }

    /** A pooled connection to the URI's host and port, or a new one. */
    Lease lease(URI uri) {
        Host h = host(uri);
        ClientConnection c = h.take();
        return c != null ? new Lease(c, true) : new Lease(connect(h), false);
    }

    /** A new connection, e.g. to retry after a pooled one turned out to be stale. */
    Lease fresh(URI uri) {
        return new Lease(connect(host(uri)), false);
    }

    private Host host(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String host = uri.getHost();
        return hosts.computeIfAbsent(host + ':' + port, k -> new Host(ConnectionKey.create("http", host, port,
                plainText, client.prototype().dnsResolver(), client.prototype().dnsAddressLookup(), Proxy.noProxy())));
    }

    private ClientConnection connect(Host h) {
        // Helidon calls the release function when a response is done: true keeps the connection.
        return TcpClientConnection.create(client, h.key, ALPN, h::release, c -> { }).connect();
    }

    @Override
    public void close() {
        closed = true;
        hosts.values().forEach(Host::drain);
    }
}
