package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import org.junit.jupiter.api.Test;

/**
 * Requests the web server refuses before any route sees them: each gets an Anthropic-shaped error
 * naming the problem and the fix (before, a bare status with an empty body), one failed-request event
 * (a request-log line), never the request's own header values, and the proxy keeps serving.
 */
class ProtocolRejectionsTest extends LoggedProxyTest {
    private String message(RawHttp.Response res) {
        var json = Json.MAPPER.readTree(res.body());
        assertEquals("error", json.path("type").asString(), res.body());
        assertTrue(res.head().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), res.head());
        return json.path("error").path("message").asString();
    }

    private void assertStillServes() throws Exception {
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
    }

    private String logLineFor(int status) throws InterruptedException {
        return log.await(l -> l.startsWith("request id=") && l.contains(" status=" + status + " ") && l.contains("outcome=failed"),
                "status " + status);
    }

    @Test
    void headersOverTheLimitGet431NamingTheLimitAndNeverEchoTheHeaderValue() throws Exception {
        // A header value that holds the local token, repeated past the 16 KB limit.
        String big = (f.token + "-").repeat(20_000 / (f.token.length() + 1) + 1);
        var res = RawHttp.exchange(f.proxy.port(), "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "x-api-key: " + f.token + "\r\nX-Big: " + big + "\r\nContent-Length: 0\r\n\r\n", null);

        assertEquals(431, res.status(), res.head());
        String m = message(res);
        assertTrue(m.contains("headers are larger than Signalbox accepts (16 KB"), m);
        assertTrue(m.contains("ANTHROPIC_CUSTOM_HEADERS"), m);
        assertEquals("invalid_request_error",
                Json.MAPPER.readTree(res.body()).path("error").path("type").asString());
        assertFalse(res.body().contains(f.token), res.body());
        String line = logLineFor(431);
        assertTrue(line.contains("method=POST path=/v1/messages profile=- "), line);
        assertFalse(line.contains(f.token), line);
        assertFalse(line.contains("beta=true"), line);
        assertStillServes();
    }

    @Test
    void aContentLengthThatIsNotANumberGets400SayingSo() throws Exception {
        var res = RawHttp.exchange(f.proxy.port(), "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "x-api-key: " + f.token + "\r\nContent-Length: 12abc\r\n\r\n", null);

        assertEquals(400, res.status(), res.head());
        assertTrue(message(res).contains("Content-Length header is not a valid length"), res.body());
        assertFalse(res.body().contains("12abc"), res.body());
        logLineFor(400);
        assertStillServes();
    }

    @Test
    void aRequestLineOverTheLimitGets414() throws Exception {
        var res = RawHttp.exchange(f.proxy.port(), "GET /v1/models?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "x-api-key: " + f.token + "\r\n\r\n", null);

        assertEquals(414, res.status(), res.head());
        assertTrue(message(res).contains("request line (method, path and query) is longer than Signalbox accepts (4 KB)"),
                res.body());
        logLineFor(414);
        assertStillServes();
    }

    @Test
    void twoHostHeadersGet400AskingForExactlyOne() throws Exception {
        var res = RawHttp.exchange(f.proxy.port(), "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                + "x-api-key: " + f.token + "\r\n\r\n", null);

        assertEquals(400, res.status(), res.head());
        assertTrue(message(res).contains("exactly one Host header"), res.body());
        assertFalse(res.body().contains("evil.example"), res.body());
        assertStillServes();
    }

    @Test
    void aClientThatClosesMidBodyIsLoggedAsSuchNotAsAnInternalErrorAndNothingIsForwarded() throws Exception {
        var events = new java.util.concurrent.CopyOnWriteArrayList<io.signalbox.event.RequestEvent>();
        f.proxy.subscribe(events::add);
        try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.getOutputStream().write(RawHttp.post("/v1/messages", "127.0.0.1", "x-api-key: " + f.token + "\r\n", 100)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().write("{\"model\":".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        } // closed with 90 of the 100 bytes unsent

        String line = logLineFor(400);
        assertTrue(line.contains("method=POST path=/v1/messages profile=- "), line);
        assertTrue(line.contains("the client closed the connection before it sent the whole request"), line);
        assertFalse(line.contains("internal"), line);
        assertStillServes();
        assertEquals(1, f.a.messages().size(), "only the request sent whole reached the upstream");
        // The cut request is one request in the live log, and it ends: no row is left waiting ("…").
        var ids = events.stream().map(io.signalbox.event.RequestEvent::requestId).distinct().toList();
        assertEquals(2, ids.size(), events.toString());
        for (int i = 0; i < 100 && events.stream().filter(io.signalbox.event.RequestEvent::isTerminal).count() < 2; i++) {
            Thread.sleep(20); // the second request's end is published just after its response
        }
        for (long id : ids) {
            assertEquals(1, events.stream().filter(e -> e.requestId() == id && e.isTerminal()).count(),
                    "request " + id + " ends exactly once: " + events);
        }
    }

    @Test
    void aClientThatClosesInsideTheHeadersIsLoggedAsSuchNotAsAProxyFailure() throws Exception {
        LogCapture server = LogCapture.of(java.util.logging.Logger.getLogger("io.helidon"));
        try {
            try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), f.proxy.port())) {
                s.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token
                        + "\r\nContent-Ty").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } // closed inside a header line

            String line = logLineFor(400);
            assertTrue(line.contains("method=POST path=/v1/messages "), line);
            assertTrue(line.contains("its headers stopped midway"), line);
            assertFalse(line.contains("proxy failed"), line);
            assertStillServes();
            assertTrue(server.messages().stream().noneMatch(m -> m != null && m.contains("Internal server error")),
                    "no warning of a failure: " + server.messages());
        } finally {
            server.detach();
        }
    }

    @Test
    void everyVerdictNamesAFixAndUnknownMessagesAreNeverRepeated() {
        for (var t : io.helidon.http.DirectHandler.EventType.values()) {
            var v = ProtocolRejections.classify(t, t.defaultStatus(), "weird header value: sk-secret-123");
            assertFalse(v.message().contains("sk-secret-123"), v.message());
            assertTrue(v.message().contains(";"), "names what is wrong, then the fix: " + v.message());
            assertTrue(v.status().code() >= 400, v.toString());
        }
        assertEquals(505, ProtocolRejections.classify(io.helidon.http.DirectHandler.EventType.HTTP_VERSION_NOT_SUPPORTED,
                io.helidon.http.Status.HTTP_VERSION_NOT_SUPPORTED_505, null).status().code());
        assertEquals("request_too_large", ProtocolRejections.classify(io.helidon.http.DirectHandler.EventType.PAYLOAD_TOO_LARGE,
                io.helidon.http.Status.REQUEST_ENTITY_TOO_LARGE_413, null).type());
    }
}
