package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine refuses to start on a port another program listens on, and says so with an exception. */
class ProxyPortInUseTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    final Logger helidon = Logger.getLogger("io.helidon");
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        log = LogCapture.of(helidon);
    }

    @AfterEach
    void stop() {
        log.detach();
        f.close();
    }

    @Test
    void aSecondProxyOnTheFirstOnesPortThrowsPortInUseAndTheFirstKeepsServing() throws Exception {
        int port = f.proxy.port();

        PortInUseException e = assertThrows(PortInUseException.class,
                () -> ProxyServer.start(f.signalbox, ProxyConfig.from(f.signalbox).withPort(port)));

        assertEquals(port, e.port());
        assertEquals("port " + port + " on 127.0.0.1 is already in use (another signalbox serve, or the desktop app?)",
                e.getMessage());
        assertTrue(e.fix().contains("SIGNALBOX_PORT") && e.fix().contains("settings.json"), e.fix());
        assertTrue(log.records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                "Helidon's bind failure is the exception, not a SEVERE log record: " + messages());
        Logger.getLogger("io.helidon.webserver.LoomServer").severe("some other failure");
        assertTrue(log.records.stream().anyMatch(r -> "some other failure".equals(r.getMessage())),
                "Helidon's other errors are still logged: " + messages());
        var health = f.client.send(HttpRequest.newBuilder(URI.create(f.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void aPortHeldByAnotherProgramThrowsPortInUseAndOnceFreedTheProxyStartsThere() throws Exception {
        int port;
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = other.getLocalPort();
            int busy = port;
            assertThrows(PortInUseException.class,
                    () -> ProxyServer.start(f.signalbox, ProxyConfig.from(f.signalbox).withPort(busy)));
        }

        try (ProxyServer p = ProxyServer.start(f.signalbox, ProxyConfig.from(f.signalbox).withPort(port))) {
            assertTrue(p.isRunning());
            assertEquals(port, p.port());
        }
    }

    private String messages() {
        return log.records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList().toString();
    }
}
