package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a request's body is framed (Content-Length, chunked) decides where the next request on the
 * connection starts, so a request whose framing is ambiguous or broken is the way a request is
 * smuggled past a proxy. Each such request gets one clear Anthropic-shaped error naming the problem
 * and the fix, one line in the request log (never a "proxy failed" warning), nothing of it reaches
 * the upstream, and the connection is closed right after the answer: no byte after the broken framing
 * is read as another request. A well-formed chunked body is forwarded.
 */
class RequestFramingTest extends LoggedProxyTest {
    /** Only stops a broken test from hanging. */
    static final int GIVE_UP_MILLIS = 10_000;

    LogCapture server;
    final List<io.signalbox.event.RequestEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watch() {
        server = LogCapture.of(java.util.logging.Logger.getLogger("io.helidon"));
        f.proxy.subscribe(events::add);
    }

    @AfterEach
    void stopWatching() {
        server.detach();
    }

    private static final byte[] BODY = ProxyFixture.message("claude-sonnet-5", false).getBytes(StandardCharsets.UTF_8);

    private String head(String extra) {
        return "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token
                + "\r\nContent-Type: application/json\r\n" + extra + "\r\n";
    }

    private static byte[] chunked(String sizeLine, byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** {@code body} followed by a second request: what a smuggler hopes the proxy reads as one of its own. */
    private byte[] thenSmuggled(byte[] body) {
        return bytes(new String(body, StandardCharsets.ISO_8859_1),
                ("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code request} on a new connection and reads everything until the proxy closes it. */
    private String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(GIVE_UP_MILLIS);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            var got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the proxy kept the connection open after: "
                        + got.toString(StandardCharsets.UTF_8), e);
            } catch (java.net.SocketException e) {
                // reset after the answer: closed as well
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String head, byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The status lines of every response in {@code all}. */
    private static List<String> statusLines(String all) {
        List<String> lines = new ArrayList<>();
        for (String l : all.split("\r\n")) {
            if (l.startsWith("HTTP/1.1 ")) {
                lines.add(l);
            }
        }
        return lines;
    }

    private static String errorMessage(String all) {
        String body = all.substring(all.indexOf("\r\n\r\n") + 4);
        var json = Json.MAPPER.readTree(body);
        assertEquals("error", json.path("type").asString(), body);
        return json.path("error").path("message").asString();
    }

    /** Sends {@code request} and returns the message of the one error answer, whose status line is {@code statusLine}. */
    private String refused(byte[] request, String statusLine) throws IOException {
        String all = exchange(request);
        assertEquals(List.of(statusLine), statusLines(all), all);
        return errorMessage(all);
    }

    /** One failed request in the log with {@code status}, nothing forwarded, no warning, and the proxy still serves. */
    private String assertRefusedOnce(int status) throws Exception {
        String line = log.await(l -> l.contains(" status=" + status + " ") && l.contains("outcome=failed"), "status " + status);
        assertTrue(line.contains("method=POST path=/v1/messages "), line);
        assertFalse(line.contains("proxy failed"), line);
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(1, f.a.messages().size(), "only the well-formed request reached the upstream");
        assertEquals(1, log.messages().stream().filter(l -> l.contains("outcome=failed")).count(), log.messages().toString());
        assertTrue(server.messages().stream().noneMatch(m -> m != null && m.contains("Internal server error")),
                "no warning of a proxy failure: " + server.messages());
        // each request is one row in the live log, and each ends exactly once
        for (int i = 0; i < 100 && events.stream().filter(io.signalbox.event.RequestEvent::isTerminal).count() < 2; i++) {
            Thread.sleep(20);
        }
        var ids = events.stream().map(io.signalbox.event.RequestEvent::requestId).distinct().toList();
        assertEquals(2, ids.size(), events.toString());
        for (long id : ids) {
            assertEquals(1, events.stream().filter(e -> e.requestId() == id && e.isTerminal()).count(),
                    "request " + id + " ends exactly once: " + events);
        }
        return line;
    }

    @Test
    void contentLengthAndTransferEncodingTogetherAreRefusedAndNothingAfterThemIsRead() throws Exception {
        // Content-Length 4 against a chunked body: a proxy that believed one and a server the other
        // would disagree on where the smuggled GET starts.
        String m = refused(bytes(head("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"),
                thenSmuggled(chunked(Integer.toHexString(BODY.length), BODY))), "HTTP/1.1 400 Bad Request");
        assertTrue(m.contains("both a Content-Length and a Transfer-Encoding header"), m);
        assertTrue(m.contains("send only one of them"), m);
        assertTrue(assertRefusedOnce(400).contains("both a Content-Length and a Transfer-Encoding header"));
    }

    @Test
    void twoContentLengthHeadersAreRefused() throws Exception {
        String m = refused(bytes(head("Content-Length: " + BODY.length + "\r\nContent-Length: " + (BODY.length + 5) + "\r\n"),
                BODY), "HTTP/1.1 400 Bad Request");
        assertTrue(m.contains("more than one Content-Length header"), m);
        assertRefusedOnce(400);
    }

    @Test
    void aTransferEncodingOtherThanChunkedIsRefusedWith501() throws Exception {
        String m = refused(bytes(head("Transfer-Encoding: gzip, chunked\r\n"), chunked(Integer.toHexString(BODY.length), BODY)),
                "HTTP/1.1 501 Not Implemented");
        assertTrue(m.contains("Transfer-Encoding"), m);
        assertFalse(m.contains("proxy failed"), m);
        assertTrue(assertRefusedOnce(501).contains("Transfer-Encoding"));
    }

    @Test
    void aChunkSizeThatIsNotHexadecimalIs400AndTheConnectionIsClosed() throws Exception {
        String m = refused(bytes(head("Transfer-Encoding: chunked\r\n"), thenSmuggled(chunked("zz", BODY))),
                "HTTP/1.1 400 Bad Request");
        assertTrue(m.contains("chunked body is malformed"), m);
        assertTrue(m.contains("Content-Length"), m);
        assertTrue(assertRefusedOnce(400).contains("chunked body is malformed"));
    }

    @Test
    void aWellFormedChunkedBodyIsForwardedWithItsModelMapped() throws Exception {
        int half = BODY.length / 2;
        var body = new ByteArrayOutputStream();
        body.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.write(BODY, 0, half);
        body.writeBytes(("\r\n" + Integer.toHexString(BODY.length - half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.write(BODY, half, BODY.length - half);
        body.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String all = exchange(bytes(head("Transfer-Encoding: chunked\r\nConnection: close\r\n"), body.toByteArray()));

        assertEquals(List.of("HTTP/1.1 200 OK"), statusLines(all), all);
        assertTrue(all.contains("Hello from upstream A"), all);
        var seen = f.a.messages();
        assertEquals(1, seen.size());
        var sent = Json.MAPPER.readTree(seen.getFirst().body());
        var original = Json.MAPPER.readTree(BODY);
        assertEquals(original.path("messages"), sent.path("messages"));
        assertEquals("model-a", sent.path("model").asString(), "the model is mapped: " + sent);
    }
}
