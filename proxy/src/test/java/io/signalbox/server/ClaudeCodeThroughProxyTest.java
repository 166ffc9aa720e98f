package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, configured for proxy mode by the real {@code signalbox use} (or, per
 * shell, {@code signalbox env}), talking to mock upstreams through the proxy.
 */
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
        // Claude Code talks to the wire tap, which relays to the proxy: `use` writes that port.
        use(f.home, tap.port(), "A");
    }

    /** {@code signalbox use NAME --clients claude} (proxy mode) with {@code SIGNALBOX_PORT=port}. */
    private static void use(TestHome home, int port, String profile) {
        var r = CliRun.run(home.set("SIGNALBOX_PORT", String.valueOf(port)), "use", profile, "--clients", "claude");
        assertEquals(0, r.code(), r.all());
    }

    /** What {@code signalbox env NAME} exports (proxy mode, the profile's own route), as a map. */
    private static Map<String, String> envFor(TestHome home, int port, String profile) {
        var r = CliRun.run(home.set("SIGNALBOX_PORT", String.valueOf(port)), "env", profile);
        assertEquals(0, r.code(), r.all());
        Map<String, String> vars = new HashMap<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("export ")) {
                String kv = line.substring("export ".length());
                int eq = kv.indexOf('=');
                vars.put(kv.substring(0, eq), kv.substring(eq + 2, kv.length() - 1).replace("'\\''", "'"));
            }
        }
        return vars;
    }

    @AfterEach
    void stop() throws Exception {
        // Null when the Claude Code CLI is missing: the test was skipped (loudly) before either started.
        if (tap != null) {
            tap.close();
        }
        if (f != null) {
            f.close();
        }
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
    void aUsersHttpProxyDoesNotCatchClaudeCodesRequestsToSignalbox() throws Exception {
        // A company network: HTTP(S)_PROXY set for everything, and a no_proxy of the user's own in lowercase
        // (which hides an uppercase NO_PROXY). Without the bypass `use` writes, Claude Code sends its requests
        // for http://127.0.0.1 to that proxy, which cannot reach this machine, and retries until it is killed.
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String proxy = "http://127.0.0.1:" + closed;
        use(f.home.set("no_proxy", "intranet.example"), tap.port(), "A");
        f.home.set("no_proxy", null);

        var run = ClaudeCode.print(f.home, Map.of("HTTP_PROXY", proxy, "HTTPS_PROXY", proxy, "http_proxy", proxy,
                "https_proxy", proxy, "no_proxy", "intranet.example"), "say hi");

        assertTrue(run.out().contains("Hello from upstream A"), "stdout: " + run.out() + "\nstderr: " + run.err());
        var env = io.signalbox.common.Json.MAPPER.readTree(
                java.nio.file.Files.readAllBytes(f.home.claudeDir.resolve("settings.json"))).path("env");
        assertEquals("127.0.0.1,localhost,intranet.example", env.path("no_proxy").asString());
        assertEquals("127.0.0.1,localhost,intranet.example", env.path("NO_PROXY").asString());
    }

    @Test
    void aProfilesContextWindowReachesClaudeCodeWhichThenNoLongerCallsTheMappedModelUnknown() throws Exception {
        String notice = "doesn't recognize the model";
        // as the presets do: Claude Code's main model (ANTHROPIC_MODEL) is mapped too
        var mapDefault = CliRun.run(f.home, "profile", "edit", "A", "--model", "default=model-a");
        assertEquals(0, mapDefault.code(), mapDefault.all());
        use(f.home, tap.port(), "A");
        var unknown = ClaudeCode.print(f.home, "say hi");
        assertTrue((unknown.out() + unknown.err()).contains(notice),
                "without a window Claude Code says it assumes one: " + unknown.out() + unknown.err());

        var edit = CliRun.run(f.home, "profile", "edit", "A", "--context-window", "128k");
        assertEquals(0, edit.code(), edit.all());
        use(f.home, tap.port(), "A");
        var known = ClaudeCode.print(f.home, "say hi");

        assertTrue(known.out().contains("Hello from upstream A"), known.out() + known.err());
        assertFalse((known.out() + known.err()).contains(notice), known.out() + known.err());
    }

    @Test
    void aProviderThatRefusesClaudeCodesAdaptiveThinkingAnswersOnceTheProfileAdaptsIt() throws Exception {
        f.a.rejectAdaptiveThinking = true;
        var refused = ClaudeCode.print(f.home, "say hi");
        assertFalse(refused.out().contains("Hello from upstream A"), refused.out() + refused.err());
        assertTrue(f.a.messages().stream().anyMatch(s -> "adaptive".equals(s.json().path("thinking").path("type")
                .asString(null))), "Claude Code sends adaptive thinking for Signalbox's model names");

        var edit = CliRun.run(f.home, "profile", "edit", "A", "--thinking", "enabled");
        assertEquals(0, edit.code(), edit.all());
        var adapted = ClaudeCode.print(f.home, "say hi"); // the running proxy reads the edit: no restart, no `use`

        assertTrue(adapted.out().contains("Hello from upstream A"), adapted.out() + adapted.err());
        var last = f.a.messages().getLast().json();
        assertEquals("enabled", last.path("thinking").path("type").asString(), last.path("thinking").toString());
        long budget = last.path("thinking").path("budget_tokens").asLong();
        assertTrue(budget >= 1024 && budget < last.path("max_tokens").asLong(), () -> "budget " + budget);
    }

    @Test
    void aProviderWhoseOutputLimitIsBelowClaudeCodesMaxTokensAnswersOnceTheProfileCapsIt() throws Exception {
        f.a.maxOutputTokens = 8192;
        var refused = ClaudeCode.print(f.home, "say hi");
        assertFalse(refused.out().contains("Hello from upstream A"), refused.out() + refused.err());
        assertTrue(f.a.messages().stream().allMatch(s -> s.json().path("max_tokens").asLong() > 8192),
                "Claude Code asks for more than this provider gives");

        var edit = CliRun.run(f.home, "profile", "edit", "A", "--max-output", "8k");
        assertEquals(0, edit.code(), edit.all());
        int before = f.a.messages().size();
        var capped = ClaudeCode.print(f.home, "say hi"); // the running proxy reads the edit: no restart, no `use`

        assertTrue(capped.out().contains("Hello from upstream A"), capped.out() + capped.err());
        assertTrue(f.a.messages().subList(before, f.a.messages().size()).stream()
                .allMatch(s -> s.json().path("max_tokens").asLong() == 8000), "the proxy lowered max_tokens");
        assertFalse(tap.clientsSent("\"max_tokens\":8000"), "Claude Code itself still asked for more");

        use(f.home, tap.port(), "A"); // now Claude Code is told the cap, and plans for it
        var told = ClaudeCode.print(f.home, "say hi");
        assertTrue(told.out().contains("Hello from upstream A"), told.out() + told.err());
        assertTrue(tap.clientsSent("\"max_tokens\":8000"), "Claude Code asks for at most the cap itself");
    }

    @Test
    void whenTheActiveProvidersIsOverloadedClaudeCodeGetsTheFallbacksAnswer() throws Exception {
        f.a.failStatus = 529;
        f.a.failBody = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        var edit = CliRun.run(f.home, "profile", "edit", "A", "--fallback", "B");
        assertEquals(0, edit.code(), edit.all());

        var run = ClaudeCode.print(f.home, "say hi");

        assertTrue(run.out().contains("Hello from upstream B"), run.out() + run.err());
        assertFalse(f.a.messages().isEmpty(), "A was asked first");
        assertTrue(f.b.messages().stream().allMatch(s -> ProxyFixture.KEY_B.equals(s.header("Authorization")
                .substring("Bearer ".length())) && s.model().equals("model-b")), "B's key and model");
    }

    @Test
    void whenTheActiveProvidersStreamBeginsWithAnOverloadedErrorClaudeCodeGetsTheFallbacksAnswer() throws Exception {
        // a 200 whose stream says "overloaded" before anything else: the client has not been answered yet
        f.a.streamPieces = java.util.List.of(": processing\n\n", Sse.event("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        var edit = CliRun.run(f.home, "profile", "edit", "A", "--fallback", "B");
        assertEquals(0, edit.code(), edit.all());

        var run = ClaudeCode.print(f.home, "say hi");

        assertTrue(run.out().contains("Hello from upstream B"), run.out() + run.err());
        assertFalse(f.a.messages().isEmpty(), "A was asked first");
        assertFalse((run.out() + run.err()).contains("verloaded"), "Claude Code never saw A's error: " + run.out() + run.err());
        int sent = tap.timesSent("POST /v1/messages?") + tap.timesSent("POST /v1/messages ");
        assertEquals(sent, f.b.messages().size(), "each request Claude Code sent was answered by B: none was"
                + " retried by Claude Code after an error (A, cooling after its first, was asked " + f.a.messages().size() + ")");
    }

    @Test
    void aSwitchInTheMiddleOfAToolLoopGoesOnWithoutReplayingTheOtherProvidersThinking() throws Exception {
        // A thinks (signed), calls a tool; the switch to B lands before Claude Code sends the tool's result
        f.a.thinkingSignature = "EqQBsig-from-A";
        f.a.callTool = true;
        f.a.beforeToolCall = () -> f.signalbox.settings().update(s -> s.withActiveProfile("B"));
        f.b.thinkingSignature = "EqQBsig-from-B";
        f.b.rejectForeignSignatures = true; // as Anthropic does: "Invalid `signature` in `thinking` block"

        var run = ClaudeCode.print(f.home, "list the markdown files");

        assertTrue(run.out().contains("Hello from upstream B"), run.out() + run.err());
        assertTrue(tap.clientsSent("EqQBsig-from-A"), "Claude Code replays the tool turn's thinking to the proxy");
        // Claude Code would recover from B's 400 by retrying without thinking blocks: B must not even see one
        assertEquals(1, f.b.messages().size(), "one request, no refused attempt before it");
        var seen = f.b.messages().getLast().json();
        assertTrue(seen.toString().contains("tool_result"), "B continues the tool loop");
        assertFalse(seen.toString().contains("EqQBsig-from-A"), "A's signature never reaches B");
        assertEquals("disabled", seen.path("thinking").path("type").asString(), seen.path("thinking").toString());
    }

    @Test
    void twoRunsWithASwitchBetweenThemReachTwoUpstreamsWithoutRestartingTheProxy() throws Exception {
        var first = ClaudeCode.print(f.home, "say hi");
        use(f.home, tap.port(), "B");
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
        // One shell per profile, as after: eval "$(signalbox env A)" — the settings file is not used.
        Map<String, String> envA = envFor(f.home, f.proxy.port(), "A");
        Map<String, String> envB = envFor(f.home, f.proxy.port(), "B");
        assertTrue(envA.get("ANTHROPIC_BASE_URL").endsWith("/p/A"), envA.toString());
        f.signalbox.settings().update(s -> s.withActiveProfile("B"));

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ClaudeCode.Run> a = pool.submit(() -> ClaudeCode.print(homeA, envA, "say hi"));
            Future<ClaudeCode.Run> b = pool.submit(() -> ClaudeCode.print(homeB, envB, "say hi"));
            assertTrue(a.get().out().contains("Hello from upstream A"), a.get().out() + a.get().err());
            assertTrue(b.get().out().contains("Hello from upstream B"), b.get().out() + b.get().err());
        }
        assertFalse(f.a.messages().isEmpty());
        assertFalse(f.b.messages().isEmpty());
    }
}
