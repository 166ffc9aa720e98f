package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * Connections that do not open with an HTTP/1.1 request line. Before, the web server closed them
 * without a word (HTTP/1.0, a bare LF) or held them until the client gave up (a TLS handshake, text
 * that is not HTTP). Each now gets an Anthropic-shaped error naming the problem and the fix, a
 * failed-request event (serve's request log, the app's live log), and a closed connection; HTTP/1.1 is untouched and the proxy keeps serving.
 * Every socket here reads with a 30 s timeout, so a connection held open fails the test instead of
 * hanging it.
 */
class ForeignProtocolsTest extends LoggedProxyTest {
    /** Sends {@code bytes}, reads until the proxy closes; the status, head and body it answered. */
    private RawHttp.Response raw(byte[] bytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8); // to the close: nothing is held open
            int end = all.indexOf("\r\n\r\n");
            assertTrue(end > 0, "an HTTP response, then the close; got: " + all);
            String head = all.substring(0, end);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), head);
            return new RawHttp.Response(Integer.parseInt(head.substring(9, 12)), head, all.substring(end + 4));
        }
    }

    private static String message(RawHttp.Response res) {
        var json = Json.MAPPER.readTree(res.body());
        assertEquals("error", json.path("type").asString(), res.body());
        assertEquals("invalid_request_error", json.path("error").path("type").asString(), res.body());
        return json.path("error").path("message").asString();
    }

    /** The request-log line of the refused connection whose message has {@code fragment} (no method, no path). */
    private String logLine(String fragment) throws InterruptedException {
        return log.await(l -> l.startsWith("request id=") && l.contains(" method=- path=- ") && l.contains("outcome=failed")
                && l.contains(fragment), fragment);
    }

    private void assertStillServes() throws Exception {
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anHttp10RequestGets505NamingHttp11AndNeverRepeatsTheRequest() throws Exception {
        // As `curl --http1.0` or ApacheBench send it, with the token in the query to show it is not repeated.
        var res = raw(ascii("GET /v1/models?key=" + f.token + " HTTP/1.0\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token
                + "\r\n\r\n"));

        assertEquals(505, res.status(), res.head());
        String m = message(res);
        assertTrue(m.contains("the request came as HTTP/1.0, but Signalbox's proxy speaks HTTP/1.1"), m);
        assertTrue(m.contains("drop --http1.0"), m);
        assertFalse(res.body().contains(f.token), res.body());
        String line = logLine("came as HTTP/1.0");
        assertTrue(line.contains(" status=505 "), line);
        assertFalse(line.contains(f.token), line);
        assertStillServes();
    }

    @Test
    void aTlsHandshakeFailsAtOnceAndTheLogSaysToUsePlainHttp() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(30_000);
            IOException e = assertThrows(IOException.class, s::startHandshake);
            assertFalse(e instanceof SocketTimeoutException, "the proxy held the TLS client until it gave up");
            assertInstanceOf(javax.net.ssl.SSLException.class, e, e.toString());
        }

        String line = logLine("TLS (https://)");
        assertTrue(line.contains("TLS (https://)"), line);
        assertTrue(line.contains("http://127.0.0.1:" + f.proxy.port() + " (http, not https)"), line);
        assertStillServes();
    }

    @Test
    void textThatIsNotHttpGets400InsteadOfBeingHeldOpen() throws Exception {
        var res = raw(ascii("hello proxy\r\n\r\n"));

        assertEquals(400, res.status(), res.head());
        assertTrue(message(res).contains("did not open with an HTTP/1.1 request line (METHOD /path HTTP/1.1)"), res.body());
        assertTrue(message(res).contains("http://127.0.0.1:" + f.proxy.port()), res.body());
        logLine("did not open with an HTTP/1.1 request line");

        // Binary, with no line end at all.
        res = raw(new byte[] {0, 1, 2, (byte) 0xff, 42});
        assertEquals(400, res.status(), res.head());
        assertStillServes();
    }

    @Test
    void http2WithoutTlsAndBareLfLinesGetAnAnswerNamingTheFix() throws Exception {
        var h2 = raw(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        assertEquals(505, h2.status(), h2.head());
        assertTrue(message(h2).contains("HTTP/2 without TLS"), h2.body());
        logLine("HTTP/2 without TLS");

        var lf = raw(ascii("GET /health HTTP/1.1\nHost: 127.0.0.1\n\n"));
        assertEquals(400, lf.status(), lf.head());
        assertTrue(message(lf).contains("end in a bare LF; HTTP/1.1 lines end in CRLF"), lf.body());
        logLine("bare LF");
        assertStillServes();
    }

    @Test
    void http11IsLeftToTheServerOnAKeptAliveConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(ascii("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                out.flush();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    assertTrue(c >= 0, "closed after " + head);
                    head.append((char) c);
                }
                assertTrue(head.toString().startsWith("HTTP/1.1 200 "), head.toString());
                int length = 0;
                for (String l : head.toString().split("\r\n")) {
                    if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(l.substring(15).trim());
                    }
                }
                assertTrue(new String(in.readNBytes(length), StandardCharsets.UTF_8).contains("\"status\":\"ok\""));
            }
        }
        assertTrue(log.messages().stream().noneMatch(l -> l.contains("outcome=failed")), log.messages().toString());
    }

    @Test
    void onlyConnectionsThatCannotBeHttp11AreClaimed() {
        // HTTP/1.1, or too few bytes to tell: the HTTP/1.1 server's (which answers a long line with 414 itself).
        for (String s : List.of("", "P", "POST", "POST /v1/mess", "GET / HTTP/1.1\r\n", "get / HTTP/1.1\r\nHost: x\r\n",
                "M1 * HTTP/1.1\r\n", "GET HTTP/1.1\r\n",
                "GET /x?" + "a".repeat(6000) + " HTTP/1.1\r\n")) {
            assertEquals(ForeignProtocols.Kind.HTTP_1_1, ForeignProtocols.kind(ascii(s), s.length()), s);
        }
        assertEquals(ForeignProtocols.Kind.TLS, ForeignProtocols.kind(new byte[] {0x16, 0x03, 0x01}, 3));
        assertEquals(ForeignProtocols.Kind.TLS, ForeignProtocols.kind(new byte[] {0x16}, 1));
        assertEquals(ForeignProtocols.Kind.OTHER_VERSION, ForeignProtocols.kind(ascii("GET / HTTP/1.0\r\n"), 16));
        assertEquals(ForeignProtocols.Kind.OTHER_VERSION, ForeignProtocols.kind(ascii("GET / HTTP/3\r\n"), 14));
        assertEquals(ForeignProtocols.Kind.NOT_HTTP, ForeignProtocols.kind(ascii("GET /\r\n"), 7));
        assertEquals(ForeignProtocols.Kind.NOT_HTTP, ForeignProtocols.kind(ascii("{\"model\":"), 9));
        String longLine = "GET /x?" + "a".repeat(5000);
        assertEquals(ForeignProtocols.Kind.LINE_TOO_LONG, ForeignProtocols.kind(ascii(longLine), longLine.length()));
        for (ForeignProtocols.Kind k : ForeignProtocols.Kind.values()) {
            if (k == ForeignProtocols.Kind.HTTP_1_1) {
                continue;
            }
            byte[] sample = switch (k) {
                case TLS -> new byte[] {0x16, 0x03};
                case HTTP2_PRIOR_KNOWLEDGE -> ascii("PRI * HTTP/2.0\r\n");
                case OTHER_VERSION -> ascii("GET / HTTP/1.0\r\n");
                case BARE_LF -> ascii("GET / HTTP/1.1\n");
                case LINE_TOO_LONG -> ascii(longLine);
                default -> ascii("nope\r\n");
            };
            var v = ForeignProtocols.verdict(sample, sample.length, 4891);
            assertEquals(k, v.kind());
            assertTrue(v.message().contains(";"), "names what is wrong, then the fix: " + v.message());
            assertTrue(v.status() >= 400, v.toString());
        }
    }
}
