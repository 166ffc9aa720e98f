package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.TestHome;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI, configured for proxy mode, talking to mock upstreams through the proxy. */
class ClaudeCodeThroughProxyTest {
    @TempDir
    Path dir;
    ProxyFixture f;

    WireTap tap;

    @BeforeEach
    void start() throws Exception {
        ClaudeCode.binary();
        f = new ProxyFixture(dir);
        tap = new WireTap(f.proxy.port());
        ClaudeSettingsUntilUseLands.writeProxyMode(f.home.claudeDir, tap.port(), f.token);
    }

    @AfterEach
    void stop() throws Exception {
        tap.close();
        f.close();
    }

    @Test
    void claudeCodeShowsTheUpstreamAnswerAndTheUpstreamSeesTheRealKeyMappedModelAndBetasVerbatim() throws Exception {
        var run = ClaudeCode.print(f.home, "say hi");

        assertTrue(run.out().contains("Hello from upstream A"), "stdout: " + run.out() + "\nstderr: " + run.err());
        var seen = f.a.messages();
        assertFalse(seen.isEmpty());
        for (var s : seen) {
            assertEquals(ProxyFixture.KEY_A, s.header("x-api-key"));
            assertNull(s.header("Authorization"), "the local token must not reach the upstream");
            assertTrue(s.model().startsWith("model-a"), s.model());
        }
        var betasToProxy = tap.headerValues("anthropic-beta");
        var betasUpstream = seen.stream().map(s -> s.header("anthropic-beta")).toList();
        assertFalse(betasToProxy.isEmpty(), "Claude Code sent no anthropic-beta");
        assertEquals(betasToProxy.subList(betasToProxy.size() - betasUpstream.size(), betasToProxy.size()),
                betasUpstream);
    }

    @Test
    void twoRunsWithASwitchBetweenThemReachTwoUpstreamsWithoutRestartingTheProxy() throws Exception {
        var first = ClaudeCode.print(f.home, "say hi");
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        var second = ClaudeCode.print(f.home, "say hi");

        assertTrue(first.out().contains("Hello from upstream A"), first.out() + first.err());
        assertTrue(second.out().contains("Hello from upstream B"), second.out() + second.err());
        assertEquals(ProxyFixture.KEY_B.length() + "Bearer ".length(), f.b.last().header("Authorization").length());
        assertTrue(f.b.last().model().equals("model-b"), f.b.last().model());
    }

    @Test
    void twoConcurrentRunsThroughPerProfileRoutesReachTheirOwnUpstreams() throws Exception {
        TestHome homeA = new TestHome(dir.resolve("run-a"));
        TestHome homeB = new TestHome(dir.resolve("run-b"));
        String root = "http://127.0.0.1:" + f.proxy.port();
        ClaudeSettingsUntilUseLands.writeProxyMode(homeA.claudeDir, root + "/p/A", f.token);
        ClaudeSettingsUntilUseLands.writeProxyMode(homeB.claudeDir, root + "/p/B", f.token);
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ClaudeCode.Run> a = pool.submit(() -> ClaudeCode.print(homeA, "say hi"));
            Future<ClaudeCode.Run> b = pool.submit(() -> ClaudeCode.print(homeB, "say hi"));
            assertTrue(a.get().out().contains("Hello from upstream A"), a.get().out() + a.get().err());
            assertTrue(b.get().out().contains("Hello from upstream B"), b.get().out() + b.get().err());
        }
        assertFalse(f.a.messages().isEmpty());
        assertFalse(f.b.messages().isEmpty());
    }
}
