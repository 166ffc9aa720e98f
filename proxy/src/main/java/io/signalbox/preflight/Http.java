package io.signalbox.preflight;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Upstream calls with one deadline each, so a server that never answers (or stalls mid-body) ends as a timeout. */
final class Http {
    static final int MAX_BODY_CHARS = 64 * 1024;
    static final int MAX_STREAM_LINES = 4000;

    /** A response with its body (cut at {@link #MAX_BODY_CHARS}). */
    record Response(int status, HttpHeaders headers, String body, URI uri) {
        String contentType() {
            return headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        }

        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    /** A streamed response: the raw lines when it was an event stream, else the plain body in {@code response}. */
    record Streamed(Response response, List<String> lines, Long firstEventMillis) {
        boolean isEventStream() {
            return lines != null;
        }
    }

    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;

    Http(HttpClient client, Clock clock, Duration timeout) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
    }

    Response send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = await(client.sendAsync(req, BodyHandlers.ofString()), timeout);
        return new Response(r.statusCode(), r.headers(), cut(r.body()), req.uri());
    }

    /** Sends a streaming request; {@code firstEventMillis} counts from {@code start}. */
    Streamed stream(HttpRequest req, Instant start) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        HttpResponse<Stream<String>> r = await(client.sendAsync(req, BodyHandlers.ofLines()), timeout);
        boolean sse = r.statusCode() / 100 == 2
                && r.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).contains("event-stream");
        Long[] first = new Long[1];
        List<String> lines;
        try (Stream<String> body = r.body()) {
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
                List<String> out = new ArrayList<>();
                body.limit(MAX_STREAM_LINES).forEach(line -> {
                    if (first[0] == null && (line.startsWith("data:") || line.startsWith("event:"))) {
                        first[0] = Duration.between(start, clock.instant()).toMillis();
                    }
                    out.add(line);
                });
                return out;
            }, task -> Thread.ofVirtual().name("preflight-stream").start(task));
            Duration left = Duration.between(clock.instant(), deadline);
            lines = await(read, left.isNegative() ? Duration.ZERO : left);
        }
        Response resp = new Response(r.statusCode(), r.headers(), sse ? "" : cut(String.join("\n", lines)), req.uri());
        return new Streamed(resp, sse ? lines : null, first[0]);
    }

    private static <T> T await(CompletableFuture<T> f, Duration limit) throws IOException, InterruptedException {
        try {
            return f.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c == null ? "request failed" : c.getClass().getSimpleName(), c);
        }
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) : s;
    }
}
