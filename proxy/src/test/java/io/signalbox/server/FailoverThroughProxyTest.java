package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aFallbackOfAnotherFormatGetsTheRequestTranslated() throws Exception {
        try (ChatUpstream g = new ChatUpstream()) {
            f.signalbox.profiles().add(new Profile("G", g.baseUrl(), ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                    new ModelMap(null, "gpt-mock", null, null, null, List.of()), Map.of(), null, null, null));
            f.signalbox.secrets().put("G", "sk-g");
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
            f.signalbox.profiles().add(new Profile("G", g.baseUrl(), ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                    new ModelMap(null, "gpt-mock", null, null, null, List.of()), Map.of(), null, null, null));
            f.signalbox.secrets().put("G", "sk-g");
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
}
