package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.server.ProxyConfig;
import io.signalbox.server.ProxyServer;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} says whether the proxy runs, and flags a client pointed at another port than the proxy's. */
class StatusProxyTest {
    @TempDir
    Path tmp;
    TestHome home;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp).set("SIGNALBOX_PORT", String.valueOf(freePort()));
        assertEquals(0, CliRun.withStdin(home, "sk-x", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin")
                .code());
    }

    @Test
    void aProxyThatIsNotRunningIsNamedWithHowToStartIt() throws Exception {
        assertEquals(0, CliRun.run(home, "use", "ds", "--clients", "claude").code());

        CliRun.Result r = CliRun.run(home, "status");
        CliRun.Result json = CliRun.run(home, "status", "--json");

        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("the local proxy is not running on port"), r.err());
        assertTrue(r.err().contains("fix: start it with signalbox serve"), r.err());
        assertFalse(Json.MAPPER.readTree(json.out()).path("proxyRunning").asBoolean(true), json.out());
    }

    @Test
    void aRunningProxyIsShownAndNothingIsFlagged() throws Exception {
        Signalbox sb = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        try (ProxyServer proxy = ProxyServer.start(sb, ProxyConfig.from(sb).withPort(0))) {
            home.set("SIGNALBOX_PORT", String.valueOf(proxy.port()));
            assertEquals(0, CliRun.run(home, "use", "ds", "--clients", "claude").code());

            CliRun.Result r = CliRun.run(home, "status");
            CliRun.Result json = CliRun.run(home, "status", "--json");

            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("proxy: running on http://127.0.0.1:" + proxy.port()), r.out());
            assertFalse(r.err().contains("warning"), r.err());
            assertTrue(Json.MAPPER.readTree(json.out()).path("proxyRunning").asBoolean(false), json.out());
        }
    }

    @Test
    void aClientPointedAtAnotherPortThanTheProxysIsFlaggedWithTheFix() throws Exception {
        int old = freePort();
        home.set("SIGNALBOX_PORT", String.valueOf(old));
        assertEquals(0, CliRun.run(home, "use", "ds", "--clients", "claude").code());
        int now = freePort();
        while (now == old) { // the system may hand out the port just freed again
            now = freePort();
        }
        home.set("SIGNALBOX_PORT", String.valueOf(now));

        CliRun.Result stray = CliRun.run(home, "status");
        assertEquals(0, CliRun.run(home, "use", "ds", "--clients", "claude").code());
        CliRun.Result fixed = CliRun.run(home, "status");

        assertTrue(stray.err().contains("claude points at port " + old + " but the proxy port is " + now), stray.err());
        assertTrue(stray.err().contains("fix: signalbox use ds"), stray.err());
        assertFalse(fixed.err().contains("points at port"), fixed.err());
    }
}
