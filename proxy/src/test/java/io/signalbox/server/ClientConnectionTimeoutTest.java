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
 * the client idle timeout; {@code Connection: close} closes; a stream whose events keep flowing is
 * not cut, however long it lasts. (Not covered, as Helidon 4.5 cannot do it: a connection that never
 * sends a byte, and headers or a body that stop coming midway; the 512-connection cap bounds them.)
 */
class ClientConnectionTimeoutTest {
    /** The test's short client idle timeout. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /** Only stops a broken test from hanging: far longer than IDLE. */
    static final int GIVE_UP_MILLIS = 10_000;

    @TempDir
    Path dir;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir, c -> c.withClientIdleTimeout(IDLE));
    }

    @AfterEach
    void stop() {
        f.close();
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
}
