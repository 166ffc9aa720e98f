package io.signalbox.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.io.CloseMode;

/**
 * Keep-alive HTTP/1.1 connections to upstreams: Apache HttpCore 5 client connections (message
 * framing and parsing only: no threads, no timers) over blocking sockets, which a virtual thread
 * parks on. Plain-text ({@code http://}) upstreams always; {@code https://} ones whose TLS
 * handshake chose HTTP/1.1 (ALPN offers {@code h2} and {@code http/1.1}; a server that chooses
 * {@code h2} gets {@link Http2Chosen}, and the caller uses its HTTP/2 client for that host).
 * Nothing watches idle connections; a connection idle for longer than {@link #MAX_IDLE_NANOS}
 * ({@link #MAX_IDLE_TLS_NANOS} over TLS, where a new connection costs a handshake) is dropped
 * (servers such as Node's close theirs after 5 s), and the caller retries once on a fresh
 * connection when a reused one fails before any response arrived. There is no socket read
 * timeout: the idle timeout is the {@link IdleWatch}'s.
 */
final class Http1Pool implements AutoCloseable {
    static final long MAX_IDLE_NANOS = 4_000_000_000L;
    static final long MAX_IDLE_TLS_NANOS = 30_000_000_000L;
    static final int MAX_IDLE_PER_HOST = 256;

    /**
     * Limits on what an upstream may send in a response head: a line of at most 64 KiB, at most
     * 512 header lines. Buffers of 16 KiB (one socket read holds a typical answer).
     */
    private static final Http1Config HTTP1 = Http1Config.custom()
            .setBufferSize(16 * 1024)
            .setMaxLineLength(64 * 1024)
            .setMaxHeaderCount(512)
            .build();

    /** The TLS handshake with an {@code https://} upstream chose HTTP/2: not for this pool. */
    static final class Http2Chosen extends IOException {
        Http2Chosen(String authority) {
            super(authority + " chose HTTP/2");
        }
    }

    /** A connection for one exchange; {@link #release()} or {@link #discard()} ends the lease. */
    final class Lease {
        private final Host host;
        private final DefaultBHttpClientConnection connection;
        private final boolean reused;

        private Lease(Host host, DefaultBHttpClientConnection connection, boolean reused) {
            this.host = host;
            this.connection = connection;
            this.reused = reused;
        }

        DefaultBHttpClientConnection connection() {
            return connection;
        }

        /**
         * True when requests go to an HTTP proxy as they are (a plain-text upstream behind
         * {@code http_proxy}): the request line then names the whole URL, and the proxy's credentials go along.
         */
        boolean forward() {
            return host.via != null && !host.tls;
        }

        /** The Basic credentials for the HTTP proxy of a {@link #forward()} lease, or null. */
        String proxyAuthorization() {
            return host.via == null ? null : host.via.authorization();
        }

        /** True when the connection had served an earlier exchange (it may have gone stale). */
        boolean reused() {
            return reused;
        }

        /** Closes the connection at once (any thread; a blocked read then fails). */
        void discard() {
            connection.close(CloseMode.IMMEDIATE);
        }

        /**
         * After a response read to its end: keeps the connection for the next exchange when
         * {@code reusable} (and the pool has room), else closes it in the ordinary way.
         */
        void release(boolean reusable) {
            if (!reusable || !host.release(connection)) {
                connection.close(CloseMode.GRACEFUL);
            }
        }
    }

    private record Idle(DefaultBHttpClientConnection connection, long since) {
    }

    private final class Host {
        final String name;
        final int port;
        final boolean tls;
        /** The HTTP proxy connections go through, or null. */
        final EgressProxy.Route via;
        final long maxIdleNanos;
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();

        Host(String name, int port, boolean tls, EgressProxy.Route via) {
            this.name = name;
            this.port = port;
            this.tls = tls;
            this.via = via;
            this.maxIdleNanos = tls ? MAX_IDLE_TLS_NANOS : MAX_IDLE_NANOS;
        }

        boolean release(DefaultBHttpClientConnection c) {
            if (closed || !c.isOpen() || size.incrementAndGet() > MAX_IDLE_PER_HOST) {
                size.decrementAndGet();
                return false;
            }
            idle.offerFirst(new Idle(c, System.nanoTime()));
            if (closed) {
                drain();
            }
            return true;
        }

        DefaultBHttpClientConnection take() {
            Idle i;
            while ((i = idle.pollFirst()) != null) {
                size.decrementAndGet();
                if (i.connection.isOpen() && System.nanoTime() - i.since < maxIdleNanos) {
                    return i.connection;
                }
                i.connection.close(CloseMode.IMMEDIATE);
            }
            return null;
        }

        void drain() {
            Idle i;
            while ((i = idle.pollFirst()) != null) {
                size.decrementAndGet();
                i.connection.close(CloseMode.IMMEDIATE);
            }
        }
    }

    private final int connectTimeoutMillis;
    /** For {@code https://}: the configured context, or null for the JDK's default (looked up when first needed). */
    private final SSLContext sslContext;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Http1Pool(Duration connectTimeout) {
        this(connectTimeout, null);
    }

    Http1Pool(Duration connectTimeout, SSLContext sslContext) {
        this.connectTimeoutMillis = (int) Math.clamp(connectTimeout.toMillis(), 1, Integer.MAX_VALUE);
        this.sslContext = sslContext;
    }

    /** A pooled connection to the URI's host and port (through {@code via}, or directly when null), or a new one. */
    Lease lease(URI uri, EgressProxy.Route via) throws IOException {
        Host h = host(uri, via);
        DefaultBHttpClientConnection c = h.take();
        return c != null ? new Lease(h, c, true) : new Lease(h, connect(h), false);
    }

    /** A new connection, e.g. to retry after a pooled one turned out to be stale. */
    Lease fresh(URI uri, EgressProxy.Route via) throws IOException {
        Host h = host(uri, via);
        return new Lease(h, connect(h), false);
    }

    private Host host(URI uri, EgressProxy.Route via) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() < 0 ? tls ? 443 : 80 : uri.getPort();
        String host = uri.getHost();
        String key = via == null ? authority(uri) : authority(uri) + " via " + via.host() + ':' + via.port();
        return hosts.computeIfAbsent(key, k -> new Host(host, port, tls, via));
    }

    /** The key of the URI's host in this pool (and of the caller's note of HTTP/2 hosts). */
    static String authority(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() < 0 ? tls ? 443 : 80 : uri.getPort();
        return (tls ? "https://" : "http://") + uri.getHost() + ':' + port;
    }

    private DefaultBHttpClientConnection connect(Host h) throws IOException {
        if (closed) {
            throw new IOException("the upstream client is closed");
        }
        Socket socket = new Socket();
        try {
            // No Nagle: a request's last small segment must not wait for the previous one's ACK.
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            String name = h.name.startsWith("[") && h.name.endsWith("]") ? h.name.substring(1, h.name.length() - 1)
                    : h.name;
            if (h.via == null) {
                socket.connect(new InetSocketAddress(name, h.port), connectTimeoutMillis);
            } else {
                EgressProxy.connect(socket, h.via, connectTimeoutMillis);
                if (h.tls) {
                    EgressProxy.tunnel(socket, name, h.port, h.via, connectTimeoutMillis);
                }
            }
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new UpstreamClient.ConnectTimeoutException(e);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        DefaultBHttpClientConnection c = new UpstreamConnection(HTTP1);
        if (!h.tls) {
            c.bind(socket);
            return c;
        }
        c.bind(handshake(socket, h), socket);
        return c;
    }

    /**
     * TLS over the connected socket: the host's name is sent (SNI) and checked against its
     * certificate, as any HTTPS client does; ALPN offers HTTP/2 first, so a server that speaks it
     * is left to the HTTP/2 client ({@link Http2Chosen}). The handshake has the connect timeout.
     */
    private SSLSocket handshake(Socket socket, Host h) throws IOException {
        SSLSocket ssl = null;
        try {
            SSLContext ctx = sslContext != null ? sslContext : SSLContext.getDefault();
            String name = h.name.startsWith("[") && h.name.endsWith("]") ? h.name.substring(1, h.name.length() - 1)
                    : h.name;
            ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket, name, h.port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            if (isHostName(name)) {
                params.setServerNames(java.util.List.of(new SNIHostName(name)));
            }
            ssl.setSSLParameters(params);
            socket.setSoTimeout(connectTimeoutMillis);
            ssl.startHandshake();
            socket.setSoTimeout(0);
            if ("h2".equals(ssl.getApplicationProtocol())) {
                ssl.close();
                throw new Http2Chosen((h.tls ? "https://" : "http://") + h.name + ':' + h.port);
            }
            return ssl;
        } catch (SocketTimeoutException e) {
            close(ssl, socket);
            throw new UpstreamClient.ConnectTimeoutException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            close(ssl, socket);
            throw new IOException("no TLS in this Java runtime: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close(ssl, socket);
            throw e;
        }
    }

    /** A DNS name (SNI carries names, never IP addresses). */
    private static boolean isHostName(String name) {
        return !name.isEmpty() && name.indexOf(':') < 0 && !name.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
    }

    private static void close(SSLSocket ssl, Socket socket) {
        try {
            socket.close();
            if (ssl != null) {
                ssl.close();
            }
        } catch (IOException ignored) {
            // closing a socket that failed
        }
    }

    @Override
    public void close() {
        closed = true;
        hosts.values().forEach(Host::drain);
    }
}
