package io.signalbox.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark driver (not a test). {@code latency MOCK_PORT PROXY_PORT TOKEN ROUNDS [WARM_ROUNDS]}: added
 * latency at concurrency 1, interleaved direct/proxy, 1 KB and 100 KB bodies, after WARM_ROUNDS
 * (default 10,000) unmeasured pairs per body size. {@code ttfb MOCK_PORT
 * PROXY_PORT TOKEN ROUNDS}: time to first event and event arrival spread against the paced stream, after
 * {@code TTFB_WARM} (env, default 3,000) unpaced streams each way to warm the streaming path.
 * {@code body SIZE}: prints a Claude-Code-like request body of about SIZE bytes.
 */
public final class BenchDriver {
    private BenchDriver() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "body" -> System.out.print(body(Integer.parseInt(args[1]), false));
            case "latency" -> latency(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3],
                    Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : 10_000);
            case "ttfb" -> ttfb(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String body(int size, boolean stream) {
        String head = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":32000,\"stream\":" + stream
                + ",\"system\":\"";
        String tail = "\",\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        int pad = Math.max(0, size - head.length() - tail.length());
        return head + "x".repeat(pad) + tail;
    }

    static HttpRequest request(String url, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /**
     * Concurrency 1, interleaved: one keep-alive connection to the mock and one to the proxy, each
     * driven by {@link RawClient} (blocking socket, no selector thread) so that the client's own
     * jitter stays small next to what is measured.
     */
    static void latency(int mock, int proxy, String token, int rounds, int warmRounds) throws Exception {
        for (int size : new int[] {1024, 100 * 1024}) {
            String body = body(size, false);
            try (RawClient direct = new RawClient(mock, "/v1/messages", null, body);
                    RawClient viaProxy = new RawClient(proxy, "/v1/messages?beta=true", token, body)) {
                // Long enough for the JIT to settle on the concurrency-1 paths (they differ from wrk's).
                for (int i = 0; i < warmRounds; i++) {
                    direct.time();
                    viaProxy.time();
                }
                long[] d = new long[rounds];
                long[] p = new long[rounds];
                long[] diff = new long[rounds];
                long[] at = new long[rounds];
                long origin = System.nanoTime();
                java.time.Instant originWall = java.time.Instant.now();
                for (int i = 0; i < rounds; i++) {
                    at[i] = System.nanoTime() - origin;
                    if (i % 2 == 0) {
                        d[i] = direct.time();
                        p[i] = viaProxy.time();
                    } else {
                        p[i] = viaProxy.time();
                        d[i] = direct.time();
                    }
                    diff[i] = p[i] - d[i];
                }
                String trace = System.getenv("BENCH_LATENCY_TRACE"); // a directory: one line per pair
                if (trace != null) {
                    // start_us is from the wall-clock instant in the first line, to line pairs up with a GC log.
                    StringBuilder t = new StringBuilder("# origin " + originWall + "\nstart_us direct_us proxy_us\n");
                    for (int i = 0; i < rounds; i++) {
                        t.append(at[i] / 1000).append(' ').append(d[i] / 1000).append(' ').append(p[i] / 1000).append('\n');
                    }
                    java.nio.file.Files.writeString(java.nio.file.Path.of(trace, "latency-" + size / 1024 + "k.txt"),
                            t.toString());
                }
                Arrays.sort(d);
                Arrays.sort(p);
                Arrays.sort(diff);
                System.out.printf(Locale.ROOT, "latency body=%dKB rounds=%d direct_p50_ms=%.3f direct_p99_ms=%.3f"
                        + " proxy_p50_ms=%.3f proxy_p99_ms=%.3f added_p50_ms=%.3f added_p99_ms=%.3f"
                        + " paired_diff_p50_ms=%.3f paired_diff_p99_ms=%.3f%n",
                        size / 1024, rounds, ms(pct(d, 50)), ms(pct(d, 99)), ms(pct(p, 50)), ms(pct(p, 99)),
                        ms(pct(p, 50) - pct(d, 50)), ms(pct(p, 99) - pct(d, 99)), ms(pct(diff, 50)), ms(pct(diff, 99)));
            }
        }
    }

    /** A minimal keep-alive HTTP/1.1 client for one fixed POST (Content-Length or chunked answers). */
    static final class RawClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private final byte[] request;

        RawClient(int port, String path, String token, String body) throws java.io.IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "anthropic-version: 2023-06-01\r\n"
                    + "anthropic-beta: claude-code-20250219,interleaved-thinking-2025-05-14\r\n"
                    + "Content-Type: application/json\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Length: " + b.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            request = Arrays.copyOf(h, h.length + b.length);
            System.arraycopy(b, 0, request, h.length, b.length);
            socket = new java.net.Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 256 * 1024);
            out = socket.getOutputStream();
        }

        long time() throws java.io.IOException {
            long t0 = System.nanoTime();
            out.write(request);
            out.flush();
            String status = line();
            long length = -1;
            boolean chunked = false;
            for (String l = line(); !l.isEmpty(); l = line()) {
                String lower = l.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long n = Long.parseLong(line().trim(), 16); n > 0; n = Long.parseLong(line().trim(), 16)) {
                    in.skipNBytes(n);
                    line();
                }
                line();
            } else if (length >= 0) {
                in.skipNBytes(length);
            } else {
                throw new IllegalStateException("no length in the answer");
            }
            long t = System.nanoTime() - t0;
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(status);
            }
            return t;
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    static void ttfb(int mock, int proxy, String token, int rounds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = body(1024, true);
        HttpRequest direct = request("http://127.0.0.1:" + mock + "/paced/v1/messages", null, body);
        HttpRequest viaProxy = request("http://127.0.0.1:" + proxy + "/p/paced/v1/messages", token, body);
        // Warm the streaming path first (the wrk phases send non-streaming requests only): without
        // this the first events measured pass through code the JIT has not compiled yet.
        int warm = Integer.parseInt(System.getenv().getOrDefault("TTFB_WARM", "3000"));
        HttpRequest directFast = request("http://127.0.0.1:" + mock + "/stream/v1/messages", null, body);
        HttpRequest viaProxyFast = request("http://127.0.0.1:" + proxy + "/p/stream/v1/messages", token, body);
        for (int i = 0; i < warm; i++) {
            events(client, directFast);
            events(client, viaProxyFast);
        }
        for (int i = 0; i < 5; i++) {
            events(client, direct);
            events(client, viaProxy);
        }
        long[] dFirst = new long[rounds];
        long[] pFirst = new long[rounds];
        long[] dLast = new long[rounds];
        long[] pLast = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            List<Long> d = events(client, direct);
            List<Long> p = events(client, viaProxy);
            dFirst[i] = d.getFirst();
            pFirst[i] = p.getFirst();
            dLast[i] = d.getLast();
            pLast[i] = p.getLast();
            if (d.size() != 20 || p.size() != 20) {
                throw new IllegalStateException("expected 20 events, got " + d.size() + "/" + p.size());
            }
        }
        Arrays.sort(dFirst);
        Arrays.sort(pFirst);
        Arrays.sort(dLast);
        Arrays.sort(pLast);
        System.out.printf(Locale.ROOT, "ttfb paced=20x20ms warm_streams=%d rounds=%d direct_first_p50_ms=%.3f proxy_first_p50_ms=%.3f"
                + " added_first_p50_ms=%.3f direct_last_p50_ms=%.3f proxy_last_p50_ms=%.3f added_last_p50_ms=%.3f%n",
                warm, rounds, ms(pct(dFirst, 50)), ms(pct(pFirst, 50)), ms(pct(pFirst, 50) - pct(dFirst, 50)),
                ms(pct(dLast, 50)), ms(pct(pLast, 50)), ms(pct(pLast, 50) - pct(dLast, 50)));
    }

    /** Arrival time (ns since send) of each SSE data line. */
    static List<Long> events(HttpClient client, HttpRequest req) throws Exception {
        long t0 = System.nanoTime();
        List<Long> at = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> res = client.send(req,
                HttpResponse.BodyHandlers.ofLines());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("status " + res.statusCode());
        }
        res.body().forEach(line -> {
            if (line.startsWith("data: ")) {
                at.add(System.nanoTime() - t0);
            }
        });
        return at;
    }

    static long time(HttpClient client, HttpRequest req) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        if (res.statusCode() != 200) {
            throw new IllegalStateException("status " + res.statusCode() + ": "
                    + new String(res.body(), StandardCharsets.UTF_8));
        }
        return t;
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
