package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signalbox test NAME --via-proxy} against the real in-process proxy, not a stand-in. */
class PreflightThroughProxyTest {
    @TempDir
    Path dir;

    @Test
    void thePreflightsProxyStepPassesThroughTheRealProxyToTheProfilesUpstream() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            CliRun.Result r = CliRun.run(f.home, "test", "B", "--via-proxy", f.url(""));
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✓ proxy\\s.*"), r.out());
            // B is not the active profile: the per-profile route /p/B reached B's upstream with B's key.
            assertTrue(f.b.messages().stream().anyMatch(q -> ("Bearer " + ProxyFixture.KEY_B).equals(q.header("Authorization"))
                    && "model-b".equals(q.model())), "B's upstream saw the proxy step with B's key and model");
            assertTrue(f.a.messages().isEmpty(), "the active profile A was not used");
            assertFalse(r.all().contains(ProxyFixture.KEY_B));
        }
    }

    @Test
    void inProxyModeTheRunningProxyIsFoundOnTheConfiguredPortWithoutBeingNamed() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port()));
            CliRun.Result r = CliRun.run(f.home, "test", "A");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✓ proxy\\s.*"), r.out());
            f.home.set("SIGNALBOX_PORT", "1");
            CliRun.Result without = CliRun.run(f.home, "test", "A");
            assertEquals(0, without.code(), without.all());
            assertTrue(without.out().contains("the local proxy is not running on port 1"), without.out());
        }
    }
}
