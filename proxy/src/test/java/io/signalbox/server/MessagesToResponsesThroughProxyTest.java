package io.signalbox.server;

import static io.signalbox.server.TranslationThroughProxyTest.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.server.TranslationThroughProxyTest.Event;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Claude Code's Messages requests to an {@code openai-responses} profile (OpenAI's Responses API):
 * translated on the way out, the answers translated back — real sockets, a Responses API mock.
 */
class MessagesToResponsesThroughProxyTest {
    static final String KEY_R = "sk-responses-key-0123456789";

    @TempDir
    Path dir;
    ProxyFixture f;
    ResponsesUpstream r;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
        r = new ResponsesUpstream();
        f.signalbox.profiles().add(new Profile("R", r.baseUrl(), ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                new ModelMap(null, "gpt-5-codex", null, null, "gpt-5-codex", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("R", KEY_R);
        f.signalbox.settings().update(s -> s.withActiveProfile("R"));
    }

    @AfterEach
    void stop() {
        f.close();
        r.close();
    }

    @Test
    void aMessagesRequestReachesTheResponsesApiTranslatedAndItsAnswerComesBackInAnthropicsShape() throws Exception {
        var res = f.send(f.post("/v1/messages?beta=true", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":32000,"
                + "\"temperature\":1,\"stop_sequences\":[\"END\"],\"thinking\":{\"type\":\"adaptive\"},"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}").header("anthropic-beta", "x-beta-1"));

        assertEquals(200, res.statusCode(), res.body());
        var up = r.last();
        assertEquals("/v1/responses", up.uri(), "the Responses endpoint, without Anthropic's query");
        assertEquals("Bearer " + KEY_R, up.header("Authorization"));
        assertNull(up.header("anthropic-version"));
        assertNull(up.header("anthropic-beta"));
        JsonNode sent = up.json();
        assertEquals("gpt-5-codex", sent.path("model").asString());
        assertEquals("Be brief.", sent.path("instructions").asString());
        assertEquals("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"say hi\"}]}]",
                sent.path("input").toString());
        assertEquals(32000, sent.path("max_output_tokens").asInt());
        assertFalse(sent.path("store").asBoolean(true), "the provider keeps nothing");
        for (String dropped : List.of("temperature", "stop", "thinking", "messages", "system", "max_tokens")) {
            assertFalse(sent.has(dropped), dropped + " in " + sent);
        }

        JsonNode msg = Json.MAPPER.readTree(res.body());
        assertEquals("message", msg.path("type").asString());
        assertEquals("Hello from the Responses provider", msg.path("content").get(0).path("text").asString());
        assertEquals("end_turn", msg.path("stop_reason").asString());
        assertEquals(20, msg.path("usage").path("input_tokens").asInt(), "cached tokens counted apart: " + res.body());
        assertEquals(100, msg.path("usage").path("cache_read_input_tokens").asInt());
        assertEquals(7, msg.path("usage").path("output_tokens").asInt());
    }

    @Test
    void eachTranslatedEventReachesTheClientBeforeTheProviderSendsItsNextOne() throws Exception {
        r.answer = "one two three four five ";
        r.pieces = 5;
        r.paceMillis = 200;
        var res = f.client.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        String all = ArrivalOrder.assertEachArrivesBeforeTheNextIsSent(res.body(), r.timeline, "\"text_delta\"", 5);
        List<Event> ev = events(all);
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop"), ev.stream().map(Event::name).toList());
        JsonNode delta = ev.get(8).data();
        assertEquals("end_turn", delta.path("delta").path("stop_reason").asString());
        assertEquals(20, delta.path("usage").path("input_tokens").asInt());
        assertEquals(100, delta.path("usage").path("cache_read_input_tokens").asInt());
        assertEquals("gpt-5-codex", ev.getFirst().data().path("message").path("model").asString());
        assertTrue(r.last().json().path("stream").asBoolean());
    }

    @Test
    void aFunctionCallComesBackAsToolUseAndItsResultGoesBackAsAFunctionCallOutput() throws Exception {
        r.callTool = true;
        r.reasoning = true;
        var first = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"stream\":true,"
                + "\"tools\":[{\"name\":\"Glob\",\"description\":\"find files\",\"input_schema\":{\"$schema\":"
                + "\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"pattern\":"
                + "{\"type\":\"string\"}},\"required\":[\"pattern\"]}}],\"tool_choice\":{\"type\":\"any\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"list the markdown files\"}]}"));
        assertEquals(200, first.statusCode(), first.body());
        List<Event> ev = events(first.body());
        List<JsonNode> blocks = ev.stream().filter(e -> e.name().equals("content_block_start"))
                .map(e -> e.data().path("content_block")).toList();
        assertEquals("thinking", blocks.get(0).path("type").asString(), "the reasoning summary: " + first.body());
        assertTrue(first.body().contains("\"thinking\":\"Let me think.\""), first.body());
        assertTrue(first.body().contains("\"signature\":\"signalbox-translated-"), "signed as translated");
        assertEquals("tool_use", blocks.get(1).path("type").asString());
        assertEquals("Glob", blocks.get(1).path("name").asString());
        assertEquals("call_1", blocks.get(1).path("id").asString());
        StringBuilder json = new StringBuilder();
        ev.stream().filter(e -> e.name().equals("content_block_delta") && e.data().path("index").asInt() == 1)
                .forEach(e -> json.append(e.data().path("delta").path("partial_json").asString()));
        assertEquals("*.md", Json.MAPPER.readTree(json.toString()).path("pattern").asString(), first.body());
        assertEquals("tool_use", ev.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow()
                .data().path("delta").path("stop_reason").asString());
        JsonNode sent = r.last().json();
        assertEquals("{\"type\":\"function\",\"name\":\"Glob\",\"description\":\"find files\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"}},\"required\":[\"pattern\"]},\"strict\":false}",
                sent.path("tools").get(0).toString(), "flat, as the Responses API has them; no $schema");
        assertEquals("required", sent.path("tool_choice").asString());

        var second = f.send(f.post("/v1/messages", "{\"model\":\"claude-sonnet-5\",\"max_tokens\":1000,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"list the markdown files\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":"
                + "\"x\"},{\"type\":\"text\",\"text\":\"Looking.\"},{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"Glob\","
                + "\"input\":{\"pattern\":\"*.md\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\","
                + "\"content\":\"README.md\"}]}]}"));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + "\"list the markdown files\"}]},{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
                + "\"output_text\",\"text\":\"Looking.\"}]},{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":"
                + "\"Glob\",\"arguments\":\"{\\\"pattern\\\":\\\"*.md\\\"}\"},{\"type\":\"function_call_output\",\"call_id\":"
                + "\"call_1\",\"output\":\"README.md\"}]", r.last().json().path("input").toString());
        assertEquals("Hello from the Responses provider", Json.MAPPER.readTree(second.body()).path("content").get(0)
                .path("text").asString());
    }

    @Test
    void theProvidersErrorsKeepTheirStatusAndAContextOverflowMakesClaudeCodeCompact() throws Exception {
        r.failStatus = 429;
        r.failBody = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
        var limited = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals("rate_limit_error", Json.MAPPER.readTree(limited.body()).path("error").path("type").asString());

        r.failStatus = 400;
        r.failBody = "{\"error\":{\"message\":\"Your input exceeds the context window of this model.\",\"type\":"
                + "\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}";
        var tooLong = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(Json.MAPPER.readTree(tooLong.body()).path("error").path("message").asString()
                .startsWith("prompt is too long"), tooLong.body());
    }

    @Test
    void aResponseThatFailsMidStreamEndsWithAnAnthropicErrorEvent() throws Exception {
        r.failMidStream = "The server had an error while processing your request";
        var res = f.send(f.post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)));
        assertEquals(200, res.statusCode());
        List<Event> ev = events(res.body());
        assertEquals("error", ev.getLast().name(), res.body());
        assertTrue(ev.getLast().data().path("error").path("message").asString().contains("had an error"), res.body());
        assertFalse(ev.stream().anyMatch(e -> e.name().equals("message_stop")));
    }

    @Test
    void countTokensIsNotFoundSoClaudeCodeCountsItself() throws Exception {
        var res = f.send(f.post("/v1/messages/count_tokens", "{\"model\":\"claude-sonnet-5\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertEquals(404, res.statusCode(), res.body());
        assertTrue(res.body().contains("Responses API, which has no /v1/messages/count_tokens endpoint"), res.body());
        assertTrue(r.seen.isEmpty());
    }
}
