package io.signalbox.forward;

import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.signalbox.route.BodyBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * The proxyToServer hop. The request is written and the response read by the calling (virtual)
 * thread itself — no selector thread, no future hand-offs:
 * <ul>
 * <li>HTTP/1.1 — {@code http://} upstreams (local gateways, Ollama, a company proxy on the LAN)
 * and {@code https://} ones whose TLS handshake chose HTTP/1.1 (ALPN offers {@code h2} first): pooled
 * keep-alive connections with Apache HttpCore 5's message parser and writer ({@link Http1Pool}); the
 * idle timeout is kept by one sweeper thread ({@link IdleWatch}), not by a socket timeout per read.
 * Chosen over Helidon's client for this hop because it costs about a third of the CPU per request
 * (docs/benchmarks/README.md), and because it still reads an answer the upstream gave before it
 * had the whole body ({@link UpstreamConnection}).</li>
 * <li>HTTP/2 — {@code https://} upstreams whose handshake chose {@code h2} (most providers):
 * Helidon's WebClient, which then speaks HTTP/2 to that host (the first connection, whose ALPN
 * answer showed it, is closed; the choice is remembered for the process's life); the socket read
 * timeout is the idle timeout.</li>
 * </ul>
 * The response body is a stream; {@link Response#close()} before its end closes the upstream
 * connection (or resets the HTTP/2 stream), which cancels the upstream request. There is a connect
 * timeout and an idle timeout (the longest wait for any read, headers included); no total timeout,
 * so a long stream is fine while it moves.
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

    private static final HttpRequestExecutor HTTP1 = new HttpRequestExecutor();

    /** For {@code https://} hosts that chose HTTP/2 (ALPN); the socket read timeout is the idle timeout. */
    private final WebClient client;
    /** HTTP/1.1 connections (plain, or TLS that chose HTTP/1.1), with no socket read timeout (see {@link IdleWatch}). */
    private final Http1Pool http1Pool;
    private final IdleWatch idle;
    private final Duration idleTimeout;
    private final java.util.concurrent.ConcurrentHashMap<URI, ClientUri> clientUris =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final EgressProxy egress;
    /** Helidon's form of each HTTP proxy in use. */
    private final java.util.concurrent.ConcurrentHashMap<EgressProxy.Route, Proxy> proxies =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code https://} hosts whose TLS handshake chose HTTP/2 ({@link Http1Pool#authority}). */
    private final java.util.Set<String> http2 = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public UpstreamClient(Duration connectTimeout, Duration idleTimeout) {
        this(connectTimeout, idleTimeout, null);
    }

    /**
     * @param sslContext the TLS context for {@code https://} upstreams (extra trusted CAs), or
     *                   null for the JDK's default trust
     */
    public UpstreamClient(Duration connectTimeout, Duration idleTimeout, SSLContext sslContext) {
        this(connectTimeout, idleTimeout, sslContext, EgressProxy.NONE);
    }

    /** As {@link #UpstreamClient(Duration, Duration, SSLContext)}, reaching upstreams through {@code egress}. */
    public UpstreamClient(Duration connectTimeout, Duration idleTimeout, SSLContext sslContext, EgressProxy egress) {
        this.idleTimeout = idleTimeout;
        this.egress = egress;
        Tls tls = sslContext == null ? Tls.builder().build() : Tls.builder().sslContext(sslContext).build();
        this.client = WebClient.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(idleTimeout)
                // No Nagle: a request's last small segment must not wait for the previous one's ACK.
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).connectTimeout(connectTimeout)
                        .readTimeout(idleTimeout).build())
                .followRedirects(false)
                .keepAlive(true)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .proxy(Proxy.noProxy())
                .dnsResolver(this::resolve)
                .tls(tls)
                // Bodies pass through as the upstream encoded them: no transparent decoding.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .servicesDiscoverServices(false)
                .addProtocolPreference(List.of("h2", "http/1.1"))
                .addProtocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(false).build())
                .build();
        this.http1Pool = new Http1Pool(connectTimeout, sslContext);
        this.idle = new IdleWatch(idleTimeout);
    }

    /**
     * The address of an HTTP/2 host, named as in the base URL. Helidon's client checks the TLS
     * certificate against the connected address's name; for an address resolved from an IP literal
     * that name would come from reverse DNS ({@code https://127.0.0.1} checked as "localhost"), so
     * a certificate made for the address would be refused and one for the reverse name accepted.
     */
    private InetAddress resolve(String host, DnsAddressLookup lookup) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (egress.routeHttps(name) != null && name.indexOf(':') < 0 && !name.matches("[0-9]+(\\.[0-9]+){3}")) {
                // reached through the HTTP proxy, which resolves the name (a company network may not resolve
                // outside names at all): only the name is used, in the CONNECT and for the certificate check
                return InetAddress.getByAddress(name, new byte[4]);
            }
            InetAddress[] all = lookup.filter(InetAddress.getAllByName(name));
            if (all.length == 0) {
                throw new UnknownHostException(name + " has no " + lookup + " address");
            }
            return InetAddress.getByAddress(name, all[0].getAddress());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Sends the request and returns once the response headers arrived. */
    public Response send(String method, URI uri, List<ForwardHeaders.Line> headers, BodyBytes body)
            throws IOException {
        boolean tls = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        EgressProxy.Route via = egress.isNone() ? null : egress.route(uri);
        if (tls && http2.contains(Http1Pool.authority(uri))) {
            return http2(method, uri, headers, body, via);
        }
        try {
            return http1(method, uri, headers, body, via);
        } catch (Http1Pool.Http2Chosen e) {
            if (http2.size() >= 512) {
                http2.clear();
            }
            http2.add(Http1Pool.authority(uri));
            return http2(method, uri, headers, body, via);
        }
    }

    private Response http2(String method, URI uri, List<ForwardHeaders.Line> headers, BodyBytes body,
            EgressProxy.Route via) throws IOException {
        try {
            HttpClientRequest req = request(method, uri, headers);
            if (via != null) {
                req.proxy(proxies.computeIfAbsent(via, UpstreamClient::helidonProxy));
            }
            return new Http2Response(exchange(req, body));
        } catch (RuntimeException e) {
            IOException io = translate(e);
            IOException proxyFailure = via == null ? null : proxyFailure(e, io, via, uri);
            throw proxyFailure != null ? proxyFailure : io;
        }
    }

    /**
     * A failure of the HTTP proxy on a new HTTP/2 connection (Helidon's client opens those), in the
     * words {@link EgressProxy} uses for the connections it opens itself; null when it was not the proxy's.
     */
    private static IOException proxyFailure(RuntimeException e, IOException failure, EgressProxy.Route via, URI uri) {
        String target = uri.getHost() + ":" + (uri.getPort() < 0 ? 443 : uri.getPort());
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            // Helidon's answer to a CONNECT that was not a 2xx: "... " + the status
            if (c instanceof IllegalStateException && c.getMessage() != null
                    && c.getMessage().matches("(?s).*\\b[1-5][0-9][0-9]\\b.*")) {
                String m = io.signalbox.common.Printable.of(c.getMessage());
                return new EgressProxy.RefusedException("the HTTP proxy " + via.shown() + " refused the tunnel to " + target
                        + " (" + (m.length() > 120 ? m.substring(0, 120) : m) + "); " + (m.contains("407")
                                ? "check the user and password in " + via.variable()
                                : "ask its administrators to allow it, or add the host to NO_PROXY if it is reachable directly"));
            }
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException) {
            return new EgressProxy.UnreachableException("cannot reach the HTTP proxy " + via.shown() + ": "
                    + (failure instanceof ConnectException ? "connection refused" : "connect timeout") + "; check "
                    + via.variable() + " and that the proxy runs", failure);
        }
        return null;
    }

    private static Proxy helidonProxy(EgressProxy.Route via) {
        Proxy.Builder b = Proxy.builder().type(Proxy.ProxyType.HTTP).host(via.host()).port(via.port());
        String[] userPass = via.credentials();
        if (userPass != null) {
            b.username(userPass[0]).password(userPass[1].toCharArray());
        }
        return b.build();
    }

    private Response http1(String method, URI uri, List<ForwardHeaders.Line> headers, BodyBytes body,
            EgressProxy.Route via) throws IOException {
        Http1Pool.Lease lease = http1Pool.lease(uri, via);
        try {
            return http1Exchange(lease, method, uri, headers, body);
        } catch (IOException io) {
            lease.discard();
            if (!lease.reused() || io instanceof IdleTimeoutException || io instanceof MalformedResponseException) {
                throw io;
            }
        }
        // The pooled connection had been closed by the upstream while idle, so nothing reached
        // it: once more on a new connection.
        Http1Pool.Lease fresh = http1Pool.fresh(uri, via);
        try {
            return http1Exchange(fresh, method, uri, headers, body);
        } catch (IOException io) {
            fresh.discard();
            throw io;
        }
    }

    /** The upstream's response could not be parsed as HTTP/1.1 (not a transient failure: no retry). */
    public static final class MalformedResponseException extends IOException {
        MalformedResponseException(Throwable cause) {
            super("the upstream sent a malformed HTTP response: " + cause.getMessage(), cause);
        }
    }

    /** One exchange on a pooled HTTP/1.1 connection, watched for idleness by {@link #idle}. */
    private Response http1Exchange(Http1Pool.Lease lease, String method, URI uri, List<ForwardHeaders.Line> headers,
            BodyBytes body) throws IOException {
        IdleWatch.Ticket ticket = idle.watch(lease::discard);
        try {
            String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            BasicClassicHttpRequest rq = new BasicClassicHttpRequest(method,
                    uri.getRawQuery() == null ? target : target + '?' + uri.getRawQuery());
            if (lease.forward()) {
                // to an HTTP proxy: the request line names the whole URL
                rq.setScheme(uri.getScheme());
                rq.setAuthority(new org.apache.hc.core5.net.URIAuthority(uri.getHost(), uri.getPort()));
                rq.setAbsoluteRequestUri(true);
                if (lease.proxyAuthorization() != null) {
                    rq.addHeader("Proxy-Authorization", lease.proxyAuthorization());
                }
            }
            rq.addHeader(HttpHeaders.HOST, uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ':' + uri.getPort());
            for (ForwardHeaders.Line h : headers) {
                rq.addHeader(h.name(), h.value());
            }
            if (body != null) {
                rq.addHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
                rq.setEntity(new SplicedEntity(body));
            }
            HttpCoreContext context = HttpCoreContext.create();
            ClassicHttpResponse rs = HTTP1.execute(rq, lease.connection(), context);
            boolean reusable = HTTP1.keepAlive(rq, rs, lease.connection(), context);
            return new Http1Response(rs, lease, reusable, idle, ticket);
        } catch (HttpException e) {
            idle.done(ticket);
            throw new MalformedResponseException(e);
        } catch (IOException | RuntimeException e) {
            idle.done(ticket);
            if (ticket.timedOut()) {
                throw new IdleTimeoutException(e);
            }
            throw e instanceof IOException io ? io : translate(e);
        }
    }

    private HttpClientRequest request(String method, URI uri, List<ForwardHeaders.Line> headers) {
        HttpClientRequest req = client.method(Method.create(method)).uri(clientUri(uri));
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

    private static HttpClientResponse exchange(HttpClientRequest req, BodyBytes body) {
        // Helidon's client copies the entity into its own buffers anyway: one array is all it needs.
        return body == null ? req.request() : req.submit(body.toByteArray());
    }

    /**
     * The request body as HttpCore's entity: written straight from the client's array and the
     * replaced model (no copy of the whole body), repeatable for the retry on a fresh connection.
     */
    private static final class SplicedEntity extends org.apache.hc.core5.http.io.entity.AbstractHttpEntity {
        private final BodyBytes body;

        SplicedEntity(BodyBytes body) {
            super((String) null, null, false);
            this.body = body;
        }

        @Override
        public long getContentLength() {
            return body.length();
        }

        @Override
        public InputStream getContent() {
            return new java.io.ByteArrayInputStream(body.toByteArray());
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
            // nothing held
        }
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
    public abstract static sealed class Response implements AutoCloseable permits Http2Response, Http1Response {
        public abstract int statusCode();

        /** The response's header lines as received (hop-by-hop ones included). */
        public abstract List<ForwardHeaders.Line> headers();

        /** The declared Content-Length, or -1. */
        public abstract long contentLength();

        public abstract String contentType();

        /** The body; read failures arrive as {@link IOException}s ({@link IdleTimeoutException} on idle). */
        public abstract InputStream body();

        /**
         * Ends the exchange (idempotent, any thread); before the body's end this closes the
         * connection (or resets the HTTP/2 stream), which cancels the upstream request.
         */
        @Override
        public abstract void close();
    }

    /** A response over Helidon's client (HTTP/2 over TLS). */
    static final class Http2Response extends Response {
        private final HttpClientResponse res;
        private final InputStream body;

        Http2Response(HttpClientResponse res) {
            this.res = res;
            this.body = new Body(res.entity().inputStream(), null, null);
        }

        @Override
        public int statusCode() {
            return res.status().code();
        }

        @Override
        public List<ForwardHeaders.Line> headers() {
            List<ForwardHeaders.Line> out = new ArrayList<>(16);
            for (Header h : res.headers()) {
                for (String v : h.allValues()) {
                    out.add(new ForwardHeaders.Line(h.headerName(), v));
                }
            }
            return out;
        }

        @Override
        public long contentLength() {
            return res.headers().contentLength().orElse(-1);
        }

        @Override
        public String contentType() {
            return res.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                res.close();
            } catch (RuntimeException ignored) {
                // already broken: nothing to release
            }
        }
    }

    /** A response on a pooled HTTP/1.1 connection ({@code http://}, or {@code https://} that chose HTTP/1.1). */
    static final class Http1Response extends Response {
        private final ClassicHttpResponse res;
        private final Http1Pool.Lease lease;
        private final boolean reusable;
        private final IdleWatch watch;
        private final IdleWatch.Ticket ticket;
        private final Body body;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Http1Response(ClassicHttpResponse res, Http1Pool.Lease lease, boolean reusable, IdleWatch watch,
                IdleWatch.Ticket ticket) throws IOException {
            this.res = res;
            this.lease = lease;
            this.reusable = reusable;
            this.watch = watch;
            this.ticket = ticket;
            HttpEntity entity = res.getEntity();
            this.body = new Body(entity == null ? InputStream.nullInputStream() : entity.getContent(), ticket,
                    lease);
        }

        @Override
        public int statusCode() {
            return res.getCode();
        }

        @Override
        public List<ForwardHeaders.Line> headers() {
            org.apache.hc.core5.http.Header[] all = res.getHeaders();
            List<ForwardHeaders.Line> out = new ArrayList<>(all.length);
            for (org.apache.hc.core5.http.Header h : all) {
                out.add(new ForwardHeaders.Line(h.getName(), h.getValue()));
            }
            return out;
        }

        @Override
        public long contentLength() {
            org.apache.hc.core5.http.Header te = res.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
            org.apache.hc.core5.http.Header cl = res.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
            if (te != null || cl == null) {
                return -1;
            }
            try {
                return Long.parseLong(cl.getValue().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public String contentType() {
            org.apache.hc.core5.http.Header ct = res.getFirstHeader(HttpHeaders.CONTENT_TYPE);
            return ct == null ? "" : ct.getValue();
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            watch.done(ticket);
            if (body.ended()) {
                lease.release(reusable);
            } else {
                lease.discard(); // mid-body: the upstream learns at once that nobody is reading
            }
        }
    }

    /** Translates read failures into the checked ones callers handle, and notes the body's end. */
    private static final class Body extends InputStream {
        private final InputStream in;
        /** Null for HTTP/2 (the socket's read timeout is the idle timeout there). */
        private final IdleWatch.Ticket ticket;
        /** The HTTP/1.1 connection the body is read from, or null. */
        private final Http1Pool.Lease lease;
        private volatile boolean ended;

        Body(InputStream in, IdleWatch.Ticket ticket, Http1Pool.Lease lease) {
            this.in = in;
            this.ticket = ticket;
            this.lease = lease;
        }

        /** True once a read returned the end of the body. */
        boolean ended() {
            return ended;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                touch(b);
                return b;
            } catch (RuntimeException | IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                touch(n);
                return n;
            } catch (RuntimeException | IOException e) {
                throw failure(e);
            }
        }

        private void touch(int n) {
            if (n < 0) {
                ended = true;
            }
            if (ticket != null) {
                ticket.touch();
            }
        }

        private IOException failure(Exception e) {
            if (ticket != null && ticket.timedOut()) {
                return new IdleTimeoutException(e);
            }
            if (lease != null) {
                return e instanceof IOException io ? io : new IOException(e.getClass().getSimpleName(), e);
            }
            return translate(e);
        }

        /**
         * Does nothing: a body stream's own close would read the rest of it (blocking). The
         * exchange ends with {@link Response#close()}.
         */
        @Override
        public void close() {
        }
    }

    @Override
    public void close() {
        idle.close();
        http1Pool.close();
        client.closeResource();
    }
}
