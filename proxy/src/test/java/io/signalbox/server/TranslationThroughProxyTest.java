package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Claude Code's Anthropic Messages requests through the proxy to a provider that speaks only the
 * OpenAI Chat Completions API (profile G, active): translated on the way up, the answers translated
 * back — whole, streamed event by event, as errors — over real sockets to a mock provider.
 */
class TranslationThroughProxyTest {
    static final String KEY_G = "sk-chat-provider-key-0123456789";

    @TempDir
    Path dir;
    ProxyFixture f;
    ChatUpstream g;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        g = new ChatUpstream();
        f.signalbox.profiles().add(new Profile("G", g.baseUrl(), ApiFormat.OPENAI_CHAT, AuthStyle.BEARER,
                new ModelMap(null, null, "gpt-mini", null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("G", KEY_G);
        f.signalbox.settings().update(s -> s.withActiveProfile("G"));
    }

    @AfterEach
    void stop() {
        f.close();
        g.close();
    }

    /** A streamed answer's events: name and JSON data, in order of arrival. */
    record Event(String name, JsonNode data) {
    }

    static List<Event> events(String body) {
        List<Event> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                out.add(new Event(name, Json.MAPPER.readTree(data)));
            }
        }
        return out;
    }

    @Test
    void aMessagesRequestReachesTheChatProviderTranslatedWithTheRealKeyAndTheMappedModel() throws Exception {
        var res = f.send(f.post("/v1/messages?beta=true", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}").header("anthropic-beta", "x-beta-1"));

        assertEquals(200, res.statusCode(), res.body());
        var up = g.last();
        assertEquals("/v1/chat/completions", up.uri(), "the Chat Completions endpoint, without Anthropic's query");
        assertEquals("Bearer " + KEY_G, up.header("Authorization"), "the provider's key, not the local token");
        assertNull(up.header("anthropic-version"));
        assertNull(up.header("anthropic-beta"));
        JsonNode sent = up.json();
        assertEquals("gpt-mock", sent.path("model").asString(), "the profile's model for the sonnet family");
        assertEquals("system", sent.path("messages").get(0).path("role").asString());
        assertEquals("Be brief.", sent.path("messages").get(0).path("content").asString());
        assertEquals("say hi", sent.path("messages").get(1).path("content").asString());
        assertEquals(1000, sent.path("max_tokens").asInt());

        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"), res.headers().toString());
        JsonNode msg = Json.MAPPER.readTree(res.body());
        assertEquals("message", msg.path("type").asString());
        assertEquals("assistant", msg.path("role").asString());
        assertEquals("Hello from the chat provider", msg.path("content").get(0).path("text").asString());
        assertEquals("end_turn", msg.path("stop_reason").asString());
        // prompt_tokens 120 include 100 cached: Anthropic counts them apart
        assertEquals(20, msg.path("usage").path("input_tokens").asInt(), res.body());
        assertEquals(100, msg.path("usage").path("cache_read_input_tokens").asInt(), res.body());
        assertEquals(7, msg.path("usage").path("output_tokens").asInt(), res.body());
    }

    @Test
    void theProfilesOutputCapLowersMaxTokensBeforeTranslation() throws Exception {
        f.signalbox.profiles().edit("G", p -> p.withMaxOutputTokens(8192));
        var res = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":32000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(8192, g.last().json().path("max_tokens").asInt());

        f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":4000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}"));
        assertEquals(4000, g.last().json().path("max_tokens").asInt(), "a smaller request is left as it is");
    }

    @Test
    void eachTranslatedEventReachesTheClientBeforeTheProviderSendsItsNextChunk() throws Exception {
        g.answer = "one two three four five ";
        g.pieces = 5;
        g.paceMillis = 200;

        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        String all = ArrivalOrder.assertEachArrivesBeforeTheNextIsSent(res.body(), g.timeline, "\"text_delta\"", 5);

        List<Event> ev = events(all);
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop"), ev.stream().map(Event::name).toList());
        StringBuilder text = new StringBuilder();
        ev.stream().filter(e -> e.name().equals("content_block_delta"))
                .forEach(e -> text.append(e.data().path("delta").path("text").asString()));
        assertEquals("one two three four five ", text.toString());
        JsonNode delta = ev.get(8).data();
        assertEquals("end_turn", delta.path("delta").path("stop_reason").asString());
        assertEquals(20, delta.path("usage").path("input_tokens").asInt());
        assertEquals(100, delta.path("usage").path("cache_read_input_tokens").asInt());
        assertEquals(7, delta.path("usage").path("output_tokens").asInt());

        JsonNode sent = g.last().json();
        assertTrue(sent.path("stream").asBoolean());
        assertTrue(sent.path("stream_options").path("include_usage").asBoolean(), "usage is asked for in the stream");
    }

    @Test
    void aToolCallComesBackAsToolUseAndItsResultGoesBackAsAToolMessage() throws Exception {
        g.callTool = true;
        var first = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"stream\":true,"
                + "\"tools\":[{\"name\":\"Glob\",\"description\":\"find files\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"pattern\":{\"type\":\"string\"}},\"required\":[\"pattern\"]}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"list the markdown files\"}]}"));
        assertEquals(200, first.statusCode(), first.body());
        List<Event> ev = events(first.body());
        Event start = ev.stream().filter(e -> e.name().equals("content_block_start")).findFirst().orElseThrow();
        assertEquals("tool_use", start.data().path("content_block").path("type").asString(), first.body());
        assertEquals("Glob", start.data().path("content_block").path("name").asString());
        String id = start.data().path("content_block").path("id").asString();
        StringBuilder json = new StringBuilder();
        ev.stream().filter(e -> e.name().equals("content_block_delta"))
                .forEach(e -> json.append(e.data().path("delta").path("partial_json").asString()));
        assertEquals("*.md", Json.MAPPER.readTree(json.toString()).path("pattern").asString(), first.body());
        assertEquals("tool_use", ev.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow()
                .data().path("delta").path("stop_reason").asString());
        JsonNode tools = g.last().json().path("tools");
        assertEquals("function", tools.get(0).path("type").asString());
        assertEquals("Glob", tools.get(0).path("function").path("name").asString());
        assertEquals("object", tools.get(0).path("function").path("parameters").path("type").asString());

        var second = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"list the markdown files\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"Glob\","
                + "\"input\":{\"pattern\":\"*.md\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\","
                + "\"content\":\"README.md\"}]}]}"));
        assertEquals(200, second.statusCode(), second.body());
        JsonNode msgs = g.last().json().path("messages");
        assertEquals(3, msgs.size(), msgs.toString());
        JsonNode call = msgs.get(1).path("tool_calls").get(0);
        assertEquals(id, call.path("id").asString());
        assertEquals("*.md", Json.MAPPER.readTree(call.path("function").path("arguments").asString()).path("pattern")
                .asString());
        assertEquals("tool", msgs.get(2).path("role").asString());
        assertEquals(id, msgs.get(2).path("tool_call_id").asString());
        assertEquals("README.md", msgs.get(2).path("content").asString());
        assertEquals("Hello from the chat provider", Json.MAPPER.readTree(second.body()).path("content").get(0)
                .path("text").asString());
    }

    @Test
    void aProviderErrorIsAnAnthropicErrorWithTheProvidersStatusWordsAndRetryAfter() throws Exception {
        g.failStatus = 429;
        g.retryAfter = "7";
        g.failBody = "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                + "\"code\":\"rate_limit_exceeded\"}}";
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(429, res.statusCode(), res.body());
        assertEquals("7", res.headers().firstValue("retry-after").orElse(null), "Claude Code's retry reads it");
        JsonNode err = Json.MAPPER.readTree(res.body());
        assertEquals("error", err.path("type").asString());
        assertEquals("rate_limit_error", err.path("error").path("type").asString());
        assertTrue(err.path("error").path("message").asString().contains("Rate limit reached for requests"), res.body());

        g.failStatus = 401;
        g.retryAfter = null;
        g.failBody = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY_G + "\",\"type\":\"invalid_request_error\"}}";
        var denied = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(401, denied.statusCode(), denied.body());
        assertEquals("authentication_error", Json.MAPPER.readTree(denied.body()).path("error").path("type").asString());
        assertTrue(denied.body().contains("Incorrect API key provided"), denied.body());
        assertFalse(denied.body().contains(KEY_G), "the provider's key echoed in its error is redacted");
    }

    @Test
    void aStreamTheProviderEndsWithAnErrorEndsWithAnAnthropicErrorEvent() throws Exception {
        g.answer = "partial answer";
        g.midStreamError = "The server had an error while processing your request";
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));

        assertEquals(200, res.statusCode());
        List<Event> ev = events(res.body());
        Event last = ev.getLast();
        assertEquals("error", last.name(), res.body());
        assertEquals("error", last.data().path("type").asString());
        assertTrue(last.data().path("error").path("message").asString().contains("had an error"), res.body());
        assertFalse(ev.stream().anyMatch(e -> e.name().equals("message_stop")), "no message_stop after an error");
    }

    @Test
    void countTokensIsNotFoundSoClaudeCodeCountsItself() throws Exception {
        var res = f.send(f.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet-5\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertEquals(404, res.statusCode(), res.body());
        JsonNode err = Json.MAPPER.readTree(res.body());
        assertEquals("not_found_error", err.path("error").path("type").asString());
        assertTrue(err.path("error").path("message").asString().contains("Chat Completions"), res.body());
        assertTrue(g.seen.isEmpty(), "nothing reaches the provider");
    }

    @Test
    void aClientThatDisconnectsMidStreamCancelsTheProviderRequest() throws Exception {
        g.endless = true;
        g.paceMillis = 50;
        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = res.body()) {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        }
        f.client.shutdownNow();

        assertTrue(g.clientGone.await(60, TimeUnit.SECONDS), "the provider never saw its connection closed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (f.proxy.inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, f.proxy.inFlight());
    }

    @Test
    void theProvidersReasoningComesAsAThinkingBlockAndIsNotReplayedToAnAnthropicProfileAfterASwitch() throws Exception {
        g.reasoning = true;
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        List<Event> ev = events(res.body());
        assertEquals("thinking", ev.get(1).data().path("content_block").path("type").asString(), res.body());
        assertEquals("Let me think.", ev.get(2).data().path("delta").path("thinking").asString(), res.body());
        String sig = ev.get(3).data().path("delta").path("signature").asString();
        assertTrue(sig.startsWith("signalbox-translated-"), "the block is signed as the proxy's: " + res.body());

        // the next turn replays the thinking block; back on G it goes up as reasoning_content
        String replay = "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"say hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Let me think.\","
                + "\"signature\":\"" + sig + "\"},{\"type\":\"text\",\"text\":\"hi\"}]},"
                + "{\"role\":\"user\",\"content\":\"and again\"}]}";
        assertEquals(200, f.send(f.post("/v1/messages", replay)).statusCode());
        assertEquals("Let me think.", g.last().json().path("messages").get(1).path("reasoning_content").asString());

        // after a switch to an Anthropic profile, A must not get a thinking block it did not sign
        f.signalbox.settings().update(s -> s.withActiveProfile("A"));
        var onA = f.send(f.post("/v1/messages", replay));
        assertEquals(200, onA.statusCode(), onA.body());
        assertFalse(new String(f.a.last().body(), StandardCharsets.UTF_8).contains("Let me think."),
                "G's reasoning is left out of A's request");
    }

    @Test
    void aProviderThatAnswersAStreamRequestAtOnceStillGivesTheClientAStream() throws Exception {
        g.ignoreStream = true;
        g.callTool = true;
        var res = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"stream\":true,"
                + "\"tools\":[{\"name\":\"Glob\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"list files\"}]}"));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), res.body());
        List<Event> ev = events(res.body());
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), ev.stream().map(Event::name).toList(), res.body());
        assertEquals("Glob", ev.get(1).data().path("content_block").path("name").asString());
        assertEquals("*.md", Json.MAPPER.readTree(ev.get(2).data().path("delta").path("partial_json").asString())
                .path("pattern").asString());
        assertEquals("tool_use", ev.get(4).data().path("delta").path("stop_reason").asString());
        assertEquals(20, ev.get(4).data().path("usage").path("input_tokens").asInt());
    }

    @Test
    void anAnthropicProfileStillGetsTheRequestUntranslated() throws Exception {
        var res = f.send(f.post("/p/A/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("/v1/messages?beta=true", f.a.last().uri());
        assertTrue(g.seen.isEmpty());
    }
}
