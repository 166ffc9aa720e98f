package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 hop to a plain-text upstream, against an upstream written byte by byte on a raw
 * socket: keep-alive (connections reused; one the upstream closed while idle costs a retry, not an
 * error), the three ways an answer can be framed (Content-Length, chunked, connection close),
 * {@code Connection: close}, repeated header lines, the request line and Host header, and an
 * answer that is not HTTP at all.
 */
class UpstreamHttp1Test {
    static final String JSON = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"kept alive\"}]}";

    /** How the upstream answers one request; returns false to close the connection afterwards. */
    interface Answer {
        boolean write(OutputStream out) throws IOException;
    }

    @TempDir
    Path dir;
    ServerSocket upstream;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    volatile String lastHead;
    /** When set, after an answer that ends the connection the upstream keeps it open until the proxy closes it, then counts down. */
    volatile java.util.concurrent.CountDownLatch stallAfterAnswer;
    /** When set, the upstream resets the connection as soon as it has a request's head, answering nothing. */
    volatile boolean resetAfterHead;
    /** When set, the upstream answers as soon as it has the head, then closes without reading the body. */
    volatile boolean answerBeforeBody;
    final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Answer answer = out -> {
        out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + bytes(JSON).length));
        out.write(bytes(JSON));
        return true;
    };
    ProxyFixture f;

    /** The upstream's listening socket. */
    ServerSocket listen() throws Exception {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** The scheme of the upstream's base URL. */
    String scheme() {
        return "http";
    }

    /** The upstream's host in the base URL. */
    String host() {
        return "127.0.0.1";
    }

    ProxyFixture fixture(Path dir, java.util.function.UnaryOperator<ProxyConfig> config) throws Exception {
        return new ProxyFixture(dir, config);
    }

    @BeforeEach
    void start() throws Exception {
        upstream = listen();
        Thread.ofVirtual().start(this::accept);
        f = fixture(dir, c -> c);
        f.signalbox.profiles().add(new Profile("K", scheme() + "://" + host() + ":" + upstream.getLocalPort() + "/gateway",
                ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                new ModelMap("model-k", "model-k", "model-k", null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("K", "sk-key-for-K-0000000000");
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
        upstream.close();
    }

    @Test
    void sequentialRequestsShareOneUpstreamConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
            assertEquals(200, res.statusCode(), res.body());
        }

        assertEquals(3, requests.get());
        assertEquals(1, connections.get());
    }

    @Test
    void aConnectionTheUpstreamClosedWhileIdleIsReplacedWithoutAnError() throws Exception {
        Answer keep = answer;
        answer = out -> {
            keep.write(out);
            return false; // closes without saying "Connection: close"
        };

        // A large body whose model is rewritten: the retry on the fresh connection sends it again, whole.
        String big = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":64,\"system\":\"" + "s".repeat(200_000)
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"é\"}]}";
        for (int i = 0; i < 3; i++) {
            var res = f.send(f.post("/p/K/v1/messages", big));
            assertEquals(200, res.statusCode(), "request " + i + ": " + res.body());
        }

        assertEquals(3, requests.get());
        assertEquals(3, connections.get());
        assertEquals(3, bodies.size());
        String expected = big.replace("claude-sonnet-5", "model-k");
        for (String b : bodies) {
            assertTrue(expected.equals(b), () -> "the upstream should get the body whole with the model mapped; got "
                    + b.length() + " chars starting " + b.substring(0, Math.min(60, b.length())));
        }
    }

    @Test
    void theRequestLineKeepsTheBasePathAndQueryAndHostNamesTheUpstream() throws Exception {
        var res = f.send(f.post("/p/K/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        String[] lines = lastHead.split("\r\n");
        assertEquals("POST /gateway/v1/messages?beta=true HTTP/1.1", lines[0]);
        assertTrue(List.of(lines).contains("Host: " + host() + ":" + upstream.getLocalPort()), lastHead);
        assertTrue(List.of(lines).contains("x-api-key: sk-key-for-K-0000000000"), lastHead);
    }

    @Test
    void aChunkedAnswerIsDecodedAndTheConnectionReusedAfterIt() throws Exception {
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked"));
            byte[] b = bytes(JSON);
            out.write(bytes(Integer.toHexString(10) + ";ext=1\r\n"));
            out.write(b, 0, 10);
            out.write(bytes("\r\n" + Integer.toHexString(b.length - 10) + "\r\n"));
            out.write(b, 10, b.length - 10);
            out.write(bytes("\r\n0\r\nx-trailer: t\r\n\r\n"));
            return true;
        };

        for (int i = 0; i < 2; i++) {
            var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(JSON, res.body());
        }
        assertEquals(1, connections.get(), "the end of the chunked body was found, so the connection was reused");
    }

    @Test
    void anAnswerEndedByClosingTheConnectionIsRelayedWhole() throws Exception {
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json"));
            out.write(bytes(JSON));
            return false;
        };

        for (int i = 0; i < 2; i++) {
            var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(JSON, res.body());
        }
        assertEquals(2, connections.get());
    }

    @Test
    void anAnswerTheUpstreamGivesBeforeReadingTheBodyReachesTheClientThoughTheBodyCouldNotBeSent() throws Exception {
        // a gateway's 413 (or an auth check's 401) sent as soon as the head arrived, then a close:
        // the rest of the body meets a reset, and the answer, already here, is what the user needs
        String tooLarge = "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"the gateway"
                + " takes 1 MB at most\"}}";
        answerBeforeBody = true;
        answer = out -> {
            out.write(head("413 Payload Too Large", "Content-Type: application/json", "Connection: close",
                    "Content-Length: " + bytes(tooLarge).length));
            out.write(bytes(tooLarge));
            return false;
        };
        String big = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(12 * 1024 * 1024) + "\"}]}";

        var res = f.send(f.post("/p/K/v1/messages", big));
        assertEquals(413, res.statusCode(), res.body());
        assertEquals(tooLarge, res.body());

        answerBeforeBody = false;
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON));
            return true;
        };
        var next = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, next.statusCode(), next.body());
        assertEquals(2, connections.get(), "the connection the upstream closed was not used again");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void anUpstreamThatStallsMidAnswerIsCutAtTheIdleTimeoutAndItsConnectionClosed() throws Exception {
        f.close();
        f = fixture(dir.resolve("idle"), c -> c.withIdleTimeout(java.time.Duration.ofSeconds(1)));
        f.signalbox.profiles().add(new Profile("K", scheme() + "://" + host() + ":" + upstream.getLocalPort(),
                ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                new ModelMap("model-k", "model-k", "model-k", null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("K", "sk-key-for-K-0000000000");
        var closedByTheProxy = new java.util.concurrent.CountDownLatch(1);
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON), 0, 10);
            out.flush();
            return false; // the reader below waits for the proxy to give up
        };
        stallAfterAnswer = closedByTheProxy;

        var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(504, res.statusCode(), res.body());
        assertTrue(res.body().contains("idleTimeoutSeconds"), res.body());
        assertTrue(closedByTheProxy.await(10, java.util.concurrent.TimeUnit.SECONDS),
                "the proxy should have closed the stalled upstream connection");
    }

    @Test
    void anAnswerTheUpstreamCutsShortIsA502InWordsAndTheProxyKeepsServing() throws Exception {
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON), 0, 10);
            return false; // closes 10 bytes into the declared length
        };

        assertBadGateway("/p/K/v1/messages", "closed the connection before its answer was complete",
                host() + ":" + upstream.getLocalPort(), "signalbox profile show K");
        answer = okAnswer();
        assertEquals(200, f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false))).statusCode());
    }

    @Test
    void aStreamTheUpstreamCutsShortEndsWithAnErrorEventInWords() throws Exception {
        String first = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"model-k\","
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n";
        answer = out -> {
            out.write(head("200 OK", "Content-Type: text/event-stream", "Transfer-Encoding: chunked"));
            out.write(bytes(Integer.toHexString(bytes(first).length) + "\r\n" + first + "\r\n"));
            return false; // closes without the last chunk
        };

        var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().startsWith(first), res.body());
        String end = res.body().substring(first.length());
        assertTrue(end.startsWith("event: error\n"), end);
        assertTrue(end.contains("closed the connection before its answer was complete"), end);
        assertTrue(!end.contains("Exception"), end);
    }

    @Test
    void anUpstreamThatResetsTheConnectionWhileTheBodyIsSentIsA502InWords() throws Exception {
        resetAfterHead = true;
        String big = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(12 * 1024 * 1024) + "\"}]}";

        var bad = f.send(f.post("/p/K/v1/messages", big));

        assertEquals(502, bad.statusCode(), bad.body());
        String m = io.signalbox.common.Json.MAPPER.readTree(bad.body()).path("error").path("message").asString();
        assertTrue(m.contains(host() + ":" + upstream.getLocalPort()) && m.contains("signalbox profile show K"), m);
        assertTrue(!m.contains("Exception") && !m.contains("handshake"), m);
        resetAfterHead = false;
        assertEquals(200, f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false))).statusCode());
    }

    @Test
    void connectionCloseFromTheUpstreamIsHonoured() throws Exception {
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Connection: close",
                    "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON));
            // keeps the socket open: a client that reused it would wait for an answer forever
            return true;
        };

        for (int i = 0; i < 2; i++) {
            var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.headers().firstValue("connection").isEmpty() || !res.headers().firstValue("connection")
                    .get().equalsIgnoreCase("close"), "hop-by-hop Connection is not relayed");
        }
        assertEquals(2, connections.get());
    }

    @Test
    void headersTheUpstreamNamesInItsConnectionHeaderAreNotPassedOn() throws Exception {
        // RFC 9110 §7.6.1: a header listed in Connection is for this hop only, like Keep-Alive itself
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Connection: keep-alive, X-Hop-Only",
                    "X-Hop-Only: for-the-proxy", "Keep-Alive: timeout=5", "x-request-id: req-1",
                    "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON));
            return true;
        };

        var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("x-hop-only").isEmpty(), res.headers().map().toString());
        assertTrue(res.headers().firstValue("keep-alive").isEmpty(), res.headers().map().toString());
        assertEquals("req-1", res.headers().firstValue("x-request-id").orElse(null), "an end-to-end header stays");
    }

    @Test
    void aRepeatedResponseHeaderReachesTheClientWithEveryLine() throws Exception {
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "x-multi: one", "x-multi: two",
                    "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON));
            return true;
        };

        var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        List<String> values = res.headers().allValues("x-multi").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).toList();
        assertEquals(List.of("one", "two"), values);
    }

    @Test
    void anAnswerThatIsNotHttpIsA502NamingTheUpstreamAndTheProxyKeepsServing() throws Exception {
        Answer good = answer;
        answer = out -> {
            out.write(bytes("SSH-2.0-OpenSSH_9.6\r\n\r\n"));
            return false;
        };

        var bad = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(502, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"type\":\"error\""), bad.body());
        assertTrue(bad.body().contains(host() + ":" + upstream.getLocalPort()), bad.body());
        assertTrue(bad.body().contains("malformed HTTP response"), bad.body());
        answer = good;
        var ok = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void anAnswerThatDeclaresMoreThanTheProxyHoldsIsA502AndIsNotRead() throws Exception {
        // A non-streamed answer is held whole (for its usage, an echoed key); a body past the limit is
        // never one a provider's API sends, and holding it could exhaust the proxy's memory.
        answer = out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + (1L << 40)));
            out.write(bytes("{\"type\":"));
            out.flush();
            return false;
        };
        assertBadGateway("/p/K/v1/messages", "larger than the 32 MB", host() + ":" + upstream.getLocalPort(),
                "signalbox profile show K");
        answer = okAnswer();
        assertEquals(200, f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false))).statusCode());
    }

    @Test
    void anAnswerWithoutALengthThatGoesOnPastTheLimitIsA502() throws Exception {
        byte[] mb = bytes("x".repeat(1024 * 1024));
        answer = out -> {
            out.write(head("500 Internal Server Error", "Content-Type: text/html"));
            for (int i = 0; i < 40; i++) { // 40 MB, ended by closing the connection
                out.write(mb);
            }
            return false;
        };
        var bad = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        String shown = bad.body().length() > 2000 ? bad.body().substring(0, 2000) + "… (" + bad.body().length() + " chars)"
                : bad.body();
        assertEquals(502, bad.statusCode(), shown);
        assertTrue(bad.body().contains("larger than the 32 MB"), shown);
    }

    @Test
    void aRedirectFromTheUpstreamIsA502ThatNamesTheBaseUrlToUse() throws Exception {
        // e.g. http:// where the provider wants https://: relayed, the client would show a bare 301
        // (or follow it past the proxy with the local token); the answer says which base URL to set.
        answer = out -> {
            out.write(head("301 Moved Permanently", "Location: https://api.example.com/gateway/v1/messages?beta=true&sig=s3cr3t",
                    "Content-Length: 0"));
            return true;
        };
        var events = new java.util.concurrent.CopyOnWriteArrayList<io.signalbox.event.RequestEvent>();
        f.proxy.subscribe(events::add);

        var bad = f.send(f.post("/p/K/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(502, bad.statusCode(), bad.body());
        String m = io.signalbox.common.Json.MAPPER.readTree(bad.body()).path("error").path("message").asString();
        assertTrue(m.contains("redirects /gateway/v1/messages to https://api.example.com/gateway/v1/messages"), m);
        assertTrue(m.contains("signalbox profile edit K --base-url https://api.example.com/gateway"), m);
        assertTrue(!m.contains("s3cr3t"), "the redirect's query is not repeated: " + m);
        assertTrue(bad.headers().firstValue("location").isEmpty(), "no Location reaches the client");
        for (int i = 0; i < 100 && events.stream().noneMatch(io.signalbox.event.RequestEvent::isTerminal); i++) {
            Thread.sleep(20);
        }
        var end = events.stream().filter(io.signalbox.event.RequestEvent::isTerminal).findFirst().orElseThrow();
        assertEquals(io.signalbox.event.RequestEvent.Kind.FAILED, end.kind(), events.toString());
        answer = okAnswer();
        assertEquals(200, f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false))).statusCode());
    }

    private Answer okAnswer() {
        return out -> {
            out.write(head("200 OK", "Content-Type: application/json", "Content-Length: " + bytes(JSON).length));
            out.write(bytes(JSON));
            return true;
        };
    }

    private void assertBadGateway(String path, String... words) throws Exception {
        var bad = f.send(f.post(path, ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(502, bad.statusCode(), bad.body());
        for (String w : words) {
            assertTrue(bad.body().contains(w), w + " in " + bad.body());
        }
        for (String javaName : new String[] {"Exception", "SSL message"}) {
            assertTrue(!bad.body().contains(javaName), javaName + " in " + bad.body());
        }
    }

    @Test
    void anUpstreamThatClosesWithoutAnsweringIsSaidInWords() throws Exception {
        answer = out -> false;
        assertBadGateway("/p/K/v1/messages", "closed the connection without answering", "signalbox profile show K");
    }

    @Test
    void tooManyResponseHeadersAreSaidInWords() throws Exception {
        answer = out -> {
            StringBuilder h = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
            for (int i = 0; i < 600; i++) {
                h.append("X-H").append(i).append(": v\r\n");
            }
            out.write(bytes(h.append("\r\n").toString()));
            return false;
        };
        assertBadGateway("/p/K/v1/messages", "headers exceed", "signalbox profile show K");
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidInWords() throws Exception {
        f.signalbox.profiles().add(new Profile("D", "http://no-such-host.invalid", ApiFormat.ANTHROPIC,
                AuthStyle.X_API_KEY, new ModelMap("m", "m", "m", null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("D", "sk-key-for-D-0000000000");
        assertBadGateway("/p/D/v1/messages", "the host name no-such-host.invalid does not resolve",
                "signalbox profile show D");
    }

    @Test
    void tlsToAPlainPortIsSaidInWords() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!plain.isClosed()) {
                    try (Socket s = plain.accept()) {
                        s.getOutputStream().write(bytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            f.signalbox.profiles().add(new Profile("T", "https://127.0.0.1:" + plain.getLocalPort(),
                    ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, new ModelMap("m", "m", "m", null, null, List.of()),
                    Map.of(), null, null, null));
            f.signalbox.secrets().put("T", "sk-key-for-T-0000000000");
            assertBadGateway("/p/T/v1/messages", "does not speak TLS on this port", "http://");
        }
    }

    private void accept() {
        while (!upstream.isClosed()) {
            try {
                Socket s = upstream.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads each request (Content-Length bodies) and writes the current {@link #answer}. */
    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                if (resetAfterHead) {
                    s.setSoLinger(true, 0);
                    return; // a reset, no answer
                }
                if (answerBeforeBody) {
                    lastHead = head;
                    answer.write(out);
                    out.flush();
                    return; // the unread body makes the close a reset
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                lastHead = head;
                requests.incrementAndGet();
                boolean keep = answer.write(out);
                out.flush();
                if (!keep) {
                    var stall = stallAfterAnswer;
                    if (stall != null) {
                        try {
                            in.read(); // blocks until the proxy closes (or resets) the connection
                        } catch (IOException closed) {
                            // a reset is a close too
                        }
                        stall.countDown();
                    }
                    return;
                }
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    static byte[] head(String status, String... headers) {
        return bytes("HTTP/1.1 " + status + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request's or response's head, up to its blank line; null when the stream ended first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
