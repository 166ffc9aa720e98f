package io.signalbox.forward;

import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The proxyToServer hop, on Helidon's {@link WebClient}: the request is written and the response
 * read by the calling (virtual) thread itself — no selector thread, no future hand-offs. HTTP/1.1
 * with pooled keep-alive connections for {@code http://} upstreams (see {@link Http1Pool}); for
 * {@code https://}, HTTP/2 negotiated by ALPN with HTTP/1.1 fallback. The response body is a
 * stream; {@link Response#close()} before its end closes the upstream connection (or resets the
 * HTTP/2 stream), which cancels the upstream request. There is a connect timeout and an idle
 * timeout (the longest wait for any read, headers included); no total timeout, so a long stream
 * is fine while it moves.
 */
public final class UpstreamClient implements AutoCloseable {
    /** No byte for the idle timeout (before or after the headers). */
    public static final class IdleTimeoutException extends IOException {
        IdleTimeoutException(Throwable cause) {
            super("upstream idle timeout", cause);
        }
    }

    /** The TCP connection was not established within the connect timeout. */
    public static final class ConnectTimeoutException extends IOException {
        ConnectTimeoutException(Throwable cause) {
            super("upstream connect timeout", cause);
        }
    }

    private final WebClient client;
    /** For {@code http://}: no socket read timeout (see {@link IdleWatch}). */
    private final WebClient plainClient;
    private final Http1Pool plain;
    private final IdleWatch idle;
    private final Duration idleTimeout;
    private final java.util.concurrent.ConcurrentHashMap<URI, ClientUri> clientUris =
            new java.util.concurrent.ConcurrentHashMap<>();

    public UpstreamClient(Duration connectTimeout, Duration idleTimeout) {
        this(connectTimeout, idleTimeout, null);
    }

    /**
     * @param sslContext the TLS context for {@code https://} upstreams (extra trusted CAs), or
     *                   null for the JDK's default trust
     */
    public UpstreamClient(Duration connectTimeout, Duration idleTimeout, SSLContext sslContext) {
        this.idleTimeout = idleTimeout;
        Tls tls = sslContext == null ? Tls.builder().build() : Tls.builder().sslContext(sslContext).build();
        this.client = builder(connectTimeout, idleTimeout, tls).build();
        // Duration.ZERO: no socket timeout; the idle timeout is kept by the IdleWatch.
        this.plainClient = builder(connectTimeout, Duration.ZERO, tls).build();
        this.plain = new Http1Pool(plainClient);
        this.idle = new IdleWatch(idleTimeout);
    }

    private static io.helidon.webclient.api.WebClientConfig.Builder builder(Duration connectTimeout, Duration readTimeout,
            Tls tls) {
        return WebClient.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                // No Nagle: a request's last small segment must not wait for the previous one's ACK.
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).connectTimeout(connectTimeout)
                        .readTimeout(readTimeout).build())
                .followRedirects(false)
                .keepAlive(true)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .proxy(Proxy.noProxy())
                .tls(tls)
                // Bodies pass through as the upstream encoded them: no transparent decoding.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .servicesDiscoverServices(false)
                .addProtocolPreference(List.of("h2", "http/1.1"))
                .addProtocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(false).build());
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Sends the request and returns once the response headers arrived. */
    public Response send(String method, URI uri, List<ForwardHeaders.Line> headers, byte[] body) throws IOException {
        if ("https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            try {
                return new Response(exchange(request(client, method, uri, headers), body), null, null);
            } catch (RuntimeException e) {
                throw translate(e);
            }
        }
        Http1Pool.Lease lease;
        try {
            lease = plain.lease(uri);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        try {
            return plainExchange(lease, method, uri, headers, body);
        } catch (IOException io) {
            lease.discard();
            if (!lease.reused() || io instanceof IdleTimeoutException) {
                throw io;
            }
        }
        // The pooled connection had been closed by the upstream while idle, so nothing reached
        // it: once more on a new connection.
        Http1Pool.Lease fresh;
        try {
            fresh = plain.fresh(uri);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        try {
            return plainExchange(fresh, method, uri, headers, body);
        } catch (IOException io) {
            fresh.discard();
            throw io;
        }
    }

    /** One exchange on a plain-text pooled connection, watched for idleness by {@link #idle}. */
    private Response plainExchange(Http1Pool.Lease lease, String method, URI uri, List<ForwardHeaders.Line> headers,
            byte[] body) throws IOException {
        IdleWatch.Ticket ticket = idle.watch(lease.connection()::closeResource);
        try {
            return new Response(exchange(request(plainClient, method, uri, headers).connection(lease.forRequest()), body),
                    idle, ticket);
        } catch (RuntimeException e) {
            idle.done(ticket);
            throw ticket.timedOut() ? new IdleTimeoutException(e) : translate(e);
        }
    }

    private HttpClientRequest request(WebClient via, String method, URI uri, List<ForwardHeaders.Line> headers) {
        HttpClientRequest req = via.method(Method.create(method)).uri(clientUri(uri));
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            req.protocolId("http/1.1");
        }
        for (ForwardHeaders.Line h : headers) {
            req.header(h.header(), h.value());
        }
        return req;
    }

    /**
     * Helidon's parsed form of {@code uri}, made once per distinct URI (the request copies it; the
     * cached one is only read).
     */
    private ClientUri clientUri(URI uri) {
        ClientUri c = clientUris.get(uri);
        if (c == null) {
            c = ClientUri.create(uri);
            c.port(); // fills in the scheme's default port now, so later readers never write to it
            if (clientUris.size() >= 512) {
                clientUris.clear();
            }
            clientUris.put(uri, c);
        }
        return c;
    }

    private static HttpClientResponse exchange(HttpClientRequest req, byte[] body) {
        return body == null ? req.request() : req.submit(body);
    }

    /** Helidon reports socket failures unchecked; the forwarder wants them as checked, by kind. */
    static IOException translate(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return new ConnectTimeoutException(e);
            }
            if (c instanceof SocketTimeoutException || c.getClass().getSimpleName().equals("StreamTimeoutException")) {
                return new IdleTimeoutException(e);
            }
            if (c instanceof ConnectException ce) {
                return ce;
            }
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (e.getClass().getSimpleName().equals("InsufficientDataAvailableException")) {
            return new java.io.EOFException("the upstream closed the connection");
        }
        if (e instanceof IOException io) {
            return io;
        }
        return new IOException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    /** One upstream response: status, headers, and the body as a stream. */
    public static final class Response implements AutoCloseable {
        private final HttpClientResponse res;
        private final InputStream body;
        private final IdleWatch watch;
        private final IdleWatch.Ticket ticket;

        Response(HttpClientResponse res, IdleWatch watch, IdleWatch.Ticket ticket) {
            this.res = res;
            this.watch = watch;
            this.ticket = ticket;
            this.body = new Body(res.entity().inputStream(), ticket);
        }

        public int statusCode() {
            return res.status().code();
        }

        public ClientResponseHeaders headers() {
            return res.headers();
        }

        /** The declared Content-Length, or -1. */
        public long contentLength() {
            return res.headers().contentLength().orElse(-1);
        }

        public String contentType() {
            return res.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        }

        /** The body; read failures arrive as {@link IOException}s ({@link IdleTimeoutException} on idle). */
        public InputStream body() {
            return body;
        }

        /** Ends the exchange; before the body's end this closes the connection (cancels upstream). */
        @Override
        public void close() {
            if (ticket != null) {
                watch.done(ticket);
            }
            try {
                res.close();
            } catch (RuntimeException ignored) {
                // already broken: nothing to release
            }
        }
    }

    /** Translates Helidon's unchecked read failures into the checked ones callers handle. */
    private static final class Body extends InputStream {
        private final InputStream in;
        /** Null for https (the socket's read timeout is the idle timeout there). */
        private final IdleWatch.Ticket ticket;

        Body(InputStream in, IdleWatch.Ticket ticket) {
            this.in = in;
            this.ticket = ticket;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                touch();
                return b;
            } catch (RuntimeException | IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                touch();
                return n;
            } catch (RuntimeException | IOException e) {
                throw failure(e);
            }
        }

        private void touch() {
            if (ticket != null) {
                ticket.touch();
            }
        }

        private IOException failure(Exception e) {
            return ticket != null && ticket.timedOut() ? new IdleTimeoutException(e) : translate(e);
        }

        /**
         * Does nothing: Helidon's chunked stream would block here reading the next chunk. The
         * exchange ends with {@link Response#close()}.
         */
        @Override
        public void close() {
        }
    }

    @Override
    public void close() {
        idle.close();
        plain.close();
        client.closeResource();
        plainClient.closeResource();
    }
}
