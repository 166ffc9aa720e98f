package io.signalbox.forward;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The proxyToServer hop: pooled connections through {@link HttpClient}; HTTP/2 preferred for TLS
 * upstreams (with HTTP/1.1 fallback by ALPN), HTTP/1.1 for plain-text ones (no h2c upgrade
 * dance). The response body is a stream: closing it cancels the upstream request. There is a
 * connect timeout and an idle timeout (no total timeout: a long stream is fine while it moves).
 */
public final class UpstreamClient implements AutoCloseable {
    private final HttpClient tls;
    private final HttpClient plain;
    private final Duration idleTimeout;
    private final ScheduledExecutorService watchdog;

    public UpstreamClient(Duration connectTimeout, Duration idleTimeout) {
        // Completion stages run on the client's selector thread instead of hopping to a pool
        // thread: nothing in them blocks (the body is read by the request's own virtual thread),
        // and each hop saved is a context switch on a busy machine.
        this.tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(connectTimeout)
                .executor(Runnable::run).followRedirects(HttpClient.Redirect.NEVER).build();
        this.plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(Runnable::run).followRedirects(HttpClient.Redirect.NEVER).build();
        this.idleTimeout = idleTimeout;
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "signalbox-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        this.watchdog = w;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Sends the request and returns once the response headers arrived (or the idle timeout passed). */
    public HttpResponse<InputStream> send(String method, URI uri, List<ForwardHeaders.Line> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(idleTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (ForwardHeaders.Line h : headers) {
            b.header(h.name(), h.value());
        }
        HttpClient client = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? tls : plain;
        return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Watches a response body: when {@link IdleWatch#touch()} is not called for the idle timeout,
     * the stream is closed (which cancels the upstream request and fails the pending read).
     */
    public IdleWatch watch(InputStream body) {
        return new IdleWatch(body);
    }

    public final class IdleWatch implements AutoCloseable {
        private final InputStream body;
        private final ScheduledFuture<?> task;
        private volatile long last = System.nanoTime();
        private volatile boolean expired;

        private IdleWatch(InputStream body) {
            this.body = body;
            long period = Math.max(50, idleTimeout.toMillis() / 4);
            this.task = watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        public void touch() {
            last = System.nanoTime();
        }

        public boolean expired() {
            return expired;
        }

        private void check() {
            if (System.nanoTime() - last > idleTimeout.toNanos()) {
                expired = true;
                task.cancel(false);
                try {
                    body.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing is best effort; the reader sees the failure
                }
            }
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        tls.close();
        plain.close();
    }
}
