package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Keep-alive to a plain-text upstream: connections are reused, and one the upstream closed while it
 * sat idle in the pool (as servers with short keep-alive timeouts do) costs a retry, not an error.
 */
class UpstreamKeepAliveTest {
    @TempDir
    Path dir;
    ServerSocket upstream;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    volatile boolean closeAfterEachResponse;
    ProxyFixture f;

    @BeforeEach
    void start() throws Exception {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
        f = new ProxyFixture(dir);
        f.signalbox.profiles().add(new Profile("K", "http://127.0.0.1:" + upstream.getLocalPort(), ApiFormat.ANTHROPIC,
                AuthStyle.X_API_KEY, new ModelMap("model-k", "model-k", "model-k", null, null, List.of()), Map.of(),
                null, null, null));
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
        closeAfterEachResponse = true; // without saying "Connection: close"

        for (int i = 0; i < 3; i++) {
            var res = f.send(f.post("/p/K/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
            assertEquals(200, res.statusCode(), "request " + i + ": " + res.body());
        }

        assertEquals(3, requests.get());
        assertEquals(3, connections.get());
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

    /** Minimal HTTP/1.1: reads each request (Content-Length bodies) and answers a small JSON message. */
    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                requests.incrementAndGet();
                byte[] body = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"kept alive\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                if (closeAfterEachResponse) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
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
