package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client connections do not stay open forever: a kept-alive one that goes silent is closed after
 * the client idle timeout, and so is one that never sends a byte, or whose request line, headers or
 * body stop coming midway (each of those a slow-client attack could hold; 512 of them would have
 * stopped the proxy); {@code Connection: close} closes. A request that has arrived whole is never
 * cut: not a stream whose events keep flowing, however long it lasts, nor an answer the upstream
 * takes longer than the timeout to start.
 */
class ClientConnectionTimeoutTest {
    /** The test's short client idle timeout. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /** Only stops a broken test from hanging: far longer than IDLE. */
    static final int GIVE_UP_MILLIS = 10_000;

    @TempDir
    Path dir;
    ProxyFixture f;
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir, c -> c.withClientIdleTimeout(IDLE));
        log = LogCapture.requestLog();
    }

    @AfterEach
    void stop() {
        log.detach();
        f.close();
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** The proxy still answers a whole request after the test's stalled connections. */
    private void stillServes() throws Exception {
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
    }

    private Socket open() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port());
        s.setSoTimeout(GIVE_UP_MILLIS);
        return s;
    }

    /** Reads until the server closes; fails (SocketTimeoutException) if it never does. */
    private static String readUntilClosed(Socket s) throws IOException {
        StringBuilder got = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            int c;
            while ((c = in.read()) >= 0) {
                got.append((char) c);
            }
            return got.toString();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the proxy kept the connection open; got: " + got, e);
        } catch (java.net.SocketException e) {
            return ""; // reset: closed as well
        }
    }

    @Test
    void aKeptAliveConnectionThatThenSendsNothingIsClosed() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String all = readUntilClosed(s);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
        }
    }

    @Test
    void aKeptAliveConnectionIdleAfterARefusedRequestWithABodyIsClosedWithoutACutOff() throws Exception {
        // the refusal never reads the body (the web server drains it): the request was whole all the same
        try (Socket s = open()) {
            send(s, "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: wrong\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            String all = readUntilClosed(s);
            assertTrue(all.startsWith("HTTP/1.1 401"), all);
        }
        assertTrue(log.messages().stream().noneMatch(l -> l.contains("status=408")), log.messages().toString());
    }

    @Test
    void connectionCloseClosesAfterTheResponse() throws Exception {
        // A long idle timeout: only Connection: close can close this one in time.
        f.close();
        f = new ProxyFixture(dir.resolve("long"), c -> c.withClientIdleTimeout(Duration.ofHours(1)));
        try (Socket s = open()) {
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String all = readUntilClosed(s);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
        }
    }

    @Test
    void aStreamLongerThanTheIdleTimeoutIsNotCutWhileEventsFlow() throws Exception {
        f.a.pacedEvents = 12;
        f.a.paceMillis = 250; // 3 s of events, three times the idle timeout
        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int events = 0;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("data: ") && line.contains("\"n\":")) {
                    events++;
                }
            }
        }
        assertEquals(200, res.statusCode());
        assertEquals(12, events, all.toString());
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosed() throws Exception {
        try (Socket s = open()) {
            assertEquals("", readUntilClosed(s));
        }
        stillServes();
    }

    @Test
    void aRequestLineThatStopsComingIsClosed() throws Exception {
        try (Socket s = open()) {
            send(s, "POST /v1/mess");
            assertEquals("", readUntilClosed(s));
        }
        stillServes();
    }

    @Test
    void headersThatStopComingAreCutOffAndLoggedOnce() throws Exception {
        try (Socket s = open()) {
            send(s, "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token + "\r\n");
            assertEquals("", readUntilClosed(s));
        }
        String line = log.await(l -> l.contains("status=408"), "the cut-off request");
        assertTrue(line.contains("method=POST path=/v1/messages ") && line.contains("outcome=failed"), line);
        assertTrue(line.contains("stopped before its headers were complete")
                && line.contains("SIGNALBOX_CLIENT_IDLE_SECONDS"), line);
        assertTrue(!line.contains(f.token) && !line.contains("beta=true"), "no credential, no query: " + line);
        stillServes();
        assertEquals(1, log.messages().stream().filter(l -> l.contains("outcome=failed")).count(), log.messages().toString());
        assertEquals(1, f.a.messages().size(), "only the whole request reached the upstream");
    }

    @Test
    void aBodyThatStopsComingIsCutOffAndLoggedOnce() throws Exception {
        var events = new java.util.concurrent.CopyOnWriteArrayList<io.signalbox.event.RequestEvent>();
        f.proxy.subscribe(events::add);
        try (Socket s = open()) {
            send(s, "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"model\":\"claude-");
            assertEquals("", readUntilClosed(s));
        }
        String line = log.await(l -> l.contains("status=408"), "the cut-off request");
        assertTrue(line.contains("method=POST path=/v1/messages ") && line.contains("outcome=failed"), line);
        assertTrue(line.contains("stopped before its body was complete"), line);
        stillServes();
        assertEquals(1, log.messages().stream().filter(l -> l.contains("outcome=failed")).count(), log.messages().toString());
        assertEquals(1, f.a.messages().size(), "only the whole request reached the upstream");
        // one request in the live log for the cut one, and it ends (408) instead of waiting forever
        var ids = events.stream().map(io.signalbox.event.RequestEvent::requestId).distinct().toList();
        assertEquals(2, ids.size(), events.toString());
        assertEquals(408, events.stream().filter(e -> e.requestId() == ids.getFirst() && e.isTerminal())
                .findFirst().orElseThrow().status(), events.toString());
    }

    @Test
    void aBodyThatKeepsComingMoreSlowlyThanTheTimeoutIsNotCut() throws Exception {
        // the timeout is for silence: a slow upload whose bytes keep coming is not a stalled one
        byte[] body = ProxyFixture.message("claude-sonnet-5", false).getBytes(StandardCharsets.UTF_8);
        int pieces = 8; // 8 pieces, 0.4 s apart: 3.2 s in all, more than three times the timeout
        try (Socket s = open()) {
            send(s, "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + f.token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < pieces; i++) {
                Thread.sleep(IDLE.toMillis() * 2 / 5);
                int from = body.length * i / pieces;
                s.getOutputStream().write(body, from, body.length * (i + 1) / pieces - from);
                s.getOutputStream().flush();
            }
            String all = readUntilClosed(s);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
            assertTrue(all.contains("Hello from upstream A"), all);
        }
        assertTrue(log.messages().stream().noneMatch(l -> l.contains("outcome=failed")), log.messages().toString());
        assertEquals(1, f.a.messages().size());
    }

    @Test
    void aWholeRequestWhoseAnswerTakesLongerThanTheTimeoutIsNotCut() throws Exception {
        f.a.answerDelayMillis = 3 * IDLE.toMillis(); // three times the client idle timeout before a byte of the answer
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello from upstream A"), res.body());
        assertTrue(log.messages().stream().noneMatch(l -> l.contains("outcome=failed")), log.messages().toString());
    }
}
