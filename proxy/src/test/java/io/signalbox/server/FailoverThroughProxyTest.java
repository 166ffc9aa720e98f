package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.event.RequestEvent;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's fallbacks take its requests when its provider cannot: real sockets, mock providers. A
 * (active) names B as its fallback.
 */
class FailoverThroughProxyTest {
    private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"Overloaded\"}}";

    @TempDir
    Path dir;
    ProxyFixture f;
    final List<RequestEvent> ended = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        f.signalbox.profiles().edit("A", p -> p.withFallbacks(List.of("B")));
        f.proxy.subscribe(e -> {
            if (e.isTerminal()) {
                ended.add(e);
            }
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /**
     * The latest request's terminal event. The proxy publishes it after the answer's last byte, so the
     * client may have the answer a moment before: wait for it (never more than 10 s).
     */
    private RequestEvent lastEnded() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (ended.size() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return ended.getLast();
    }

    private int requests;

    private java.net.http.HttpResponse<String> send(String path, String body) throws Exception {
        requests++;
        return f.send(f.post(path, body));
    }

    /** Profile G, an openai-chat provider ({@code g}) with its key, and these fallbacks. */
    private void addChatProfile(ChatUpstream g, String... fallbacks) {
        f.signalbox.profiles().add(new Profile("G", g.baseUrl(), ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                new ModelMap(null, "gpt-mock", null, null, null, List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("G", "sk-g");
        if (fallbacks.length > 0) {
            f.signalbox.profiles().edit("G", p -> p.withFallbacks(List.of(fallbacks)));
        }
    }

    private List<MockUpstream.Seen> seen(MockUpstream m) {
        return m.messages();
    }

    @Test
    void anOverloadedProviderIsFailedOverAndTheClientGetsTheFallbacksAnswer() throws Exception {
        f.a.failStatus = 529;
        f.a.failBody = OVERLOADED;
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello from upstream B"), res.body());
        assertEquals(1, seen(f.a).size());
        var atB = seen(f.b).getFirst();
        assertEquals("Bearer " + ProxyFixture.KEY_B, atB.header("Authorization"), "B's own key");
        assertEquals("model-b", atB.model(), "B's own model map");
        assertTrue(atB.header("x-api-key") == null && atB.header("X-Team") == null, "nothing of A's reaches B");
        assertEquals("B", lastEnded().profile(), "the request is B's in the log and the usage rows");
        assertEquals(200, lastEnded().status());
    }

    @Test
    void whileItCoolsDownItsRequestsGoStraightToTheFallbackAndThePerProfileRouteFailsOverToo() throws Exception {
        f.a.failStatus = 503;
        f.a.failBody = "{\"error\":\"down\"}";
        send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));
        var second = send("/p/A/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, second.statusCode(), second.body());
        assertTrue(second.body().contains("event: message_stop"), "a stream, from B: " + second.body());
        assertEquals(1, seen(f.a).size(), "A is not asked again while it cools down");
        assertEquals(2, seen(f.b).size());
    }

    @Test
    void withTheCooldownSetToZeroInSettingsAFailedProfileIsAskedFirstAgainWithoutARestart() throws Exception {
        f.signalbox.settings().update(s -> s.withFailoverCooldownSeconds(0));
        f.a.failStatus = 503;
        f.a.failBody = "{\"error\":\"down\"}";
        send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));
        f.a.failStatus = 0;
        var second = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

        assertTrue(second.body().contains("Hello from upstream A"), second.body());
        assertEquals(2, seen(f.a).size(), "A is asked first again at once");
        assertEquals(1, seen(f.b).size());
    }

    @Test
    void statusNamesTheProfilesCoolingDownAndHowLong() throws Exception {
        f.a.failStatus = 503;
        f.a.failBody = "{\"error\":\"down\"}";
        send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));
        f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port()));

        var status = io.signalbox.testsupport.CliRun.run(f.home, "status");
        var json = io.signalbox.testsupport.CliRun.run(f.home, "status", "--json");

        assertEquals(0, status.code(), status.all());
        assertTrue(status.out().matches("(?s).*cooling down: A, ([1-9]|[12][0-9]|30) s more \\(its provider could not take"
                + " a request: its requests go to its fallbacks first\\).*"), status.out());
        assertFalse(status.out().contains("cooling down: B"), status.out());
        long left = Json.MAPPER.readTree(json.out()).path("coolingSeconds").path("A").asLong();
        assertTrue(left >= 1 && left <= 30, json.out());
        var anonymous = f.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + f.proxy.port() + "/signalbox/failover")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the local token is needed");
    }

    @Test
    void aProviderThatCannotBeReachedIsFailedOver() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        f.signalbox.profiles().edit("A", p -> p.withBaseUrl("http://127.0.0.1:" + closed));
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello from upstream B"), res.body());
    }

    @Test
    void anAnswerAboutTheRequestItselfIsRelayedAndNotFailedOver() throws Exception {
        f.a.failStatus = 400;
        f.a.failBody = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}";
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

        assertEquals(400, res.statusCode());
        assertEquals(f.a.failBody, res.body(), "unmodified");
        assertTrue(seen(f.b).isEmpty(), "another provider would refuse the same request");
    }

    @Test
    void whenEveryProfileFailsTheLastOnesAnswerReachesTheClientUnmodified() throws Exception {
        f.a.failStatus = 503;
        f.a.failBody = "{\"error\":\"A is down\"}";
        f.b.failStatus = 529;
        f.b.failBody = OVERLOADED;
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

        assertEquals(529, res.statusCode());
        assertEquals(OVERLOADED, res.body());
        assertEquals("B", lastEnded().profile());

        // both cool down now: A is still tried first, then B (whose answer is relayed)
        f.a.failStatus = 0;
        var back = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("Hello from upstream A"), back.body());
    }

    @Test
    void theLastProfileOfAChainCoolsDownTooSoItsOwnRequestsGoToItsFallbackFirst() throws Exception {
        f.signalbox.profiles().edit("B", p -> p.withFallbacks(List.of("A")));
        f.a.failStatus = 503;
        f.a.failBody = "{\"error\":\"A is down\"}";
        f.b.failStatus = 503;
        f.b.failBody = "{\"error\":\"B is down\"}";
        send("/p/A/v1/messages", ProxyFixture.message("claude-sonnet-5", false)); // A, then B (the last): both fail
        f.a.failStatus = 0;
        f.b.failStatus = 0;
        send("/p/A/v1/messages", ProxyFixture.message("claude-sonnet-5", false)); // both cool: A first, it answers
        assertEquals(2, seen(f.a).size());
        assertEquals(1, seen(f.b).size());

        var res = send("/p/B/v1/messages", ProxyFixture.message("claude-sonnet-5", false));
        assertTrue(res.body().contains("Hello from upstream A"), res.body());
        assertEquals(1, seen(f.b).size(), "B still cools down from its failure as the last of A's chain");
    }

    @Test
    void aFallbackOfAnotherFormatGetsTheRequestTranslated() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g);
            f.signalbox.profiles().edit("A", p -> p.withFallbacks(List.of("G")));
            f.a.failStatus = 502;
            f.a.failBody = "bad gateway";
            var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

            assertEquals(200, res.statusCode(), res.body());
            assertEquals("Hello from the chat provider",
                    Json.MAPPER.readTree(res.body()).path("content").get(0).path("text").asString());
            assertEquals("gpt-mock", g.last().json().path("model").asString());
            assertEquals("/v1/chat/completions", g.last().uri());
        }
    }

    @Test
    void aResponsesApiFallbackGetsClaudeCodesRequestTranslatedToo() throws Exception {
        try (ResponsesUpstream r = new ResponsesUpstream()) {
            f.signalbox.profiles().add(new Profile("R", r.baseUrl(), ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                    new ModelMap(null, "gpt-5-codex", null, null, null, List.of()), Map.of(), null, null, null));
            f.signalbox.secrets().put("R", "sk-r");
            f.signalbox.profiles().edit("A", p -> p.withFallbacks(List.of("R")));
            f.a.failStatus = 503;
            f.a.failBody = "{\"error\":\"down\"}";
            var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Hello from the Responses provider"), res.body());
            assertEquals("/v1/responses", r.last().uri());
            assertEquals("R", lastEnded().profile());
        }
    }

    @Test
    void aFallbackWithoutItsKeyIsPassedOverForTheNextOne() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g);
            f.signalbox.secrets().delete("B");
            f.signalbox.profiles().edit("A", p -> p.withFallbacks(List.of("B", "G")));
            f.a.failStatus = 503;
            f.a.failBody = "{\"error\":\"down\"}";
            var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", false));

            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Hello from the chat provider"), res.body());
            assertTrue(seen(f.b).isEmpty(), "B could not be tried without its key");
            assertEquals("G", lastEnded().profile());
        }
    }

    // ---- errors inside a stream (a 200 whose stream says the provider failed)

    @Test
    void aStreamThatBeginsWithAnOverloadedErrorIsFailedOverAndTheProfileCoolsDown() throws Exception {
        f.a.streamPieces = List.of(": processing\n\n", Sse.event("error", OVERLOADED));
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello from upstream B"), res.body());
        assertFalse(res.body().contains("overloaded") || res.body().contains("processing"),
                "nothing of A's stream reaches the client: " + res.body());
        assertEquals("B", lastEnded().profile());
        assertEquals(RequestEvent.Kind.COMPLETED, lastEnded().kind());

        send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
        assertEquals(1, seen(f.a).size(), "A cools down: its next request goes straight to B");
        assertEquals(2, seen(f.b).size());
    }

    @Test
    void aStreamThatEndsBeforeItsFirstEventIsFailedOver() throws Exception {
        f.a.streamPieces = List.of(": processing\n\n");
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("Hello from upstream B"), res.body());
        assertEquals(1, seen(f.a).size());
    }

    @Test
    void aStreamThatBeginsWithAnErrorAboutTheRequestIsRelayedAsItIs() throws Exception {
        String invalid = Sse.event("error", "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"tools.0: bad schema\"}}");
        f.a.streamPieces = List.of(invalid);
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, res.statusCode());
        assertEquals(invalid, res.body(), "A's stream, byte for byte");
        assertTrue(seen(f.b).isEmpty(), "another provider would refuse the same request");
        assertEquals(RequestEvent.Kind.FAILED, lastEnded().kind());

        f.a.streamPieces = null;
        send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
        assertEquals(2, seen(f.a).size(), "an error about the request does not make A cool down");
    }

    @Test
    void aStreamThatFailsAfterItBeganReachesTheClientAsSentAndItsProfileCoolsDown() throws Exception {
        f.a.midStreamError = "overloaded_error";
        var res = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

        assertEquals(200, res.statusCode());
        assertTrue(res.body().startsWith("event: message_start") && res.body().contains("overloaded_error"),
                "the client has had part of A's answer: it gets the rest, error included: " + res.body());
        assertTrue(seen(f.b).isEmpty());

        f.a.midStreamError = null;
        var next = send("/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
        assertTrue(next.body().contains("Hello from upstream B"), next.body());
        assertEquals(1, seen(f.a).size(), "A cools down after its stream failed: the next request goes to B");
    }

    @Test
    void aChatProvidersStreamThatBeginsWithAnErrorChunkIsFailedOver() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g, "B");
            g.firstError = "upstream provider unavailable";
            var res = send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));

            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Hello from upstream B"), res.body());
            assertFalse(res.body().contains("unavailable"), res.body());
            assertEquals(1, g.chats().size());
        }
    }

    @Test
    void aTranslatedStreamThatFailsAfterItBeganMakesItsProfileCoolDown() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g, "B");
            g.midStreamError = "the model crashed";
            var res = send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
            assertTrue(res.body().contains("event: error") && res.body().contains("the model crashed"), res.body());
            assertTrue(seen(f.b).isEmpty(), "the client had part of G's answer: not failed over");

            g.midStreamError = null;
            var next = send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
            assertTrue(next.body().contains("Hello from upstream B"), next.body());
            assertEquals(1, g.chats().size(), "G cools down: its next request goes to B");
        }
    }

    @Test
    void aTranslatedStreamThatReportsAnErrorAboutTheRequestIsRelayedAndItsProfileDoesNotCoolDown() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g, "B");
            String tooLong = "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}";
            g.rawStream = "data: " + tooLong + "\n\n";
            var claude = send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
            assertTrue(claude.body().contains("event: error") && claude.body().contains("maximum context length"),
                    claude.body());
            g.rawStream = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: " + tooLong + "\n\n";
            var codex = send("/p/G/v1/responses", "{\"model\":\"gpt-mock\",\"stream\":true,\"input\":\"hi\"}");
            assertTrue(codex.body().contains("response.failed"), codex.body());
            assertTrue(seen(f.b).isEmpty(), "another provider would refuse the same request");

            g.rawStream = null;
            send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
            assertEquals(3, g.chats().size(), "a prompt that is too long does not make G cool down");
            assertTrue(seen(f.b).isEmpty());
        }
    }

    @Test
    void anErrorChunkWhoseErrorIsNotItsFirstMemberIsFailedOverToo() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            addChatProfile(g, "B");
            // as an OpenRouter-style gateway sends it: keep-alive comments, then a chunk with an id and an error
            g.rawStream = ": PROCESSING\n\ndata: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":"
                    + "{\"code\":502,\"message\":\"Provider returned error\"}}\n\n";
            var res = send("/p/G/v1/messages", ProxyFixture.message("claude-sonnet-5", true));
            assertTrue(res.body().contains("Hello from upstream B"), res.body());
        }
    }

    @Test
    void withAFallbackEachEventStillReachesTheClientBeforeTheProviderSendsTheNext() throws Exception {
        f.a.pacedEvents = 10;
        f.a.paceMillis = 200;
        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        List<String> order = new java.util.ArrayList<>();
        res.body().forEach(line -> {
            if (line.startsWith("data: ")) {
                f.a.timeline.drainTo(order); // what the provider had sent by the time this event arrived
                order.add("received:" + line.replaceAll(".*\"n\":(\\d+).*", "$1"));
            }
        });
        f.a.timeline.drainTo(order);

        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("sent:" + i);
            expected.add("received:" + i);
        }
        assertEquals(expected, order, "the first event is read before the client is answered, and no event waits");
    }
}
