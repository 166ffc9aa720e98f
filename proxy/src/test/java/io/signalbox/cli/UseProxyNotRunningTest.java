package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code use} in proxy mode says so when nothing serves the proxy port, and stays quiet when it does. */
class UseProxyNotRunningTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void useWarnsThatTheProxyIsNotRunningAndSaysHowToStartIt() throws Exception {
        TestHome home = new TestHome(tmp).set("SIGNALBOX_PORT", String.valueOf(freePort()));
        assertEquals(0, CliRun.withStdin(home, "sk-x", "profile", "add", "a", "--preset", "deepseek", "--key-stdin").code());
        CliRun.Result r = CliRun.run(home, "use", "a", "--clients", "claude");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("the local proxy is not running on port"), r.err());
        assertTrue(r.err().contains(": Claude Code cannot connect until it is"), "only the client written: " + r.err());
        assertTrue(r.err().contains("signalbox serve"), r.err());
    }

    @Test
    void useIsQuietWhenASignalboxProxyAnswersOnThePort() throws Exception {
        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", ex -> {
            byte[] b = "{\"status\":\"ok\",\"service\":\"signalbox\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        health.start();
        try {
            TestHome home = new TestHome(tmp).set("SIGNALBOX_PORT", String.valueOf(health.getAddress().getPort()));
            CliRun.withStdin(home, "sk-x", "profile", "add", "a", "--preset", "deepseek", "--key-stdin");
            CliRun.Result r = CliRun.run(home, "use", "a", "--clients", "claude");
            assertEquals(0, r.code(), r.all());
            assertFalse(r.err().contains("not running"), r.err());
        } finally {
            health.stop(0);
        }
    }
}
