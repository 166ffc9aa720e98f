package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Codex's Responses API requests through the proxy to a provider that speaks only Chat Completions
 * (profile G): translated on the way up, the answers translated back — whole, streamed event by event
 * — and the provider's own errors relayed as they are (they are OpenAI-shaped already).
 */
class ResponsesTranslationThroughProxyTest {
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
                new ModelMap(null, null, null, null, "gpt-mock", List.of()), Map.of(), null, null, null));
        f.signalbox.secrets().put("G", KEY_G);
    }

    @AfterEach
    void stop() {
        f.close();
        g.close();
    }

    private HttpRequest.Builder post(String json) {
        return HttpRequest.newBuilder(URI.create(f.url("/p/G/v1/responses")))
                .header("Authorization", "Bearer " + f.token)
                .header("Content-Type", "application/json")
                .header("originator", "codex_exec")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Responses stream events: type and data, in order of arrival. */
    static List<JsonNode> events(String body) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(Json.MAPPER.readTree(line.substring(6)));
            }
        }
        return out;
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }

    @Test
    void aResponsesRequestReachesTheChatProviderTranslatedAndTheAnswerComesBackAsAResponse() throws Exception {
        var res = f.send(post("{\"model\":\"gpt-5-codex\",\"instructions\":\"Be brief.\",\"input\":\"say hi\","
                + "\"store\":false,\"reasoning\":{\"effort\":\"medium\"}}"));

        assertEquals(200, res.statusCode(), res.body());
        var up = g.last();
        assertEquals("/v1/chat/completions", up.uri());
        assertEquals("Bearer " + KEY_G, up.header("Authorization"), "the provider's key, not the local token");
        JsonNode sent = up.json();
        assertEquals("gpt-mock", sent.path("model").asString());
        assertEquals("system", sent.path("messages").get(0).path("role").asString());
        assertEquals("Be brief.", sent.path("messages").get(0).path("content").asString());
        assertEquals("say hi", sent.path("messages").get(1).path("content").asString());

        JsonNode r = Json.MAPPER.readTree(res.body());
        assertEquals("response", r.path("object").asString(), res.body());
        assertEquals("completed", r.path("status").asString());
        assertEquals("Hello from the chat provider", r.path("output").get(0).path("content").get(0).path("text").asString());
        assertEquals(120, r.path("usage").path("input_tokens").asInt(), "Responses counts cached tokens in input, as Chat does");
        assertEquals(100, r.path("usage").path("input_tokens_details").path("cached_tokens").asInt());
        assertEquals(7, r.path("usage").path("output_tokens").asInt());
    }

    @Test
    void eachTranslatedTextDeltaReachesCodexBeforeTheProviderSendsItsNextChunk() throws Exception {
        g.answer = "one two three four five ";
        g.pieces = 5;
        g.paceMillis = 200;

        var res = f.client.send(post("{\"model\":\"gpt-5-codex\",\"input\":\"count\",\"stream\":true}").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        String all = ArrivalOrder.assertEachArrivesBeforeTheNextIsSent(res.body(), g.timeline, "\"response.output_text.delta\"", 5);
        List<JsonNode> ev = events(all);
        assertEquals("response.created", ev.getFirst().path("type").asString());
        JsonNode done = ev.getLast();
        assertEquals("response.completed", done.path("type").asString(), all);
        assertEquals("one two three four five ", done.path("response").path("output").get(0).path("content").get(0)
                .path("text").asString());
        assertEquals(120, done.path("response").path("usage").path("input_tokens").asInt());
        assertTrue(g.last().json().path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void aToolCallComesBackAsAFunctionCallAndItsOutputGoesBackAsAToolMessage() throws Exception {
        g.callTool = true;
        g.toolName = "exec_command";
        g.toolArgs = "{\"cmd\":\"ls -la\"}";
        String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"exec_command\",\"description\":\"Runs a command\","
                + "\"strict\":false,\"parameters\":{\"type\":\"object\",\"properties\":{\"cmd\":{\"type\":\"string\"}},"
                + "\"required\":[\"cmd\"]}}]";
        var first = f.send(post("{\"model\":\"gpt-5-codex\",\"stream\":true," + tools + ",\"input\":[{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"list files\"}]}]}"));
        assertEquals(200, first.statusCode(), first.body());
        JsonNode call = events(first.body()).stream()
                .filter(e -> e.path("type").asString().equals("response.output_item.done")
                        && e.path("item").path("type").asString().equals("function_call"))
                .findFirst().orElseThrow(() -> new AssertionError(first.body())).path("item");
        assertEquals("exec_command", call.path("name").asString());
        assertEquals("call_1", call.path("call_id").asString());
        assertEquals("ls -la", Json.MAPPER.readTree(call.path("arguments").asString()).path("cmd").asString());
        assertEquals("exec_command", g.last().json().path("tools").get(0).path("function").path("name").asString());

        var second = f.send(post("{\"model\":\"gpt-5-codex\",\"stream\":true," + tools + ",\"input\":["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"list files\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"exec_command\",\"arguments\":\"{\\\"cmd\\\":\\\"ls -la\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"README.md\"}]}"));
        assertEquals(200, second.statusCode(), second.body());
        JsonNode msgs = g.last().json().path("messages");
        assertEquals("call_1", msgs.get(1).path("tool_calls").get(0).path("id").asString(), msgs.toString());
        assertEquals("tool", msgs.get(2).path("role").asString());
        assertEquals("call_1", msgs.get(2).path("tool_call_id").asString());
        assertEquals("README.md", msgs.get(2).path("content").asString());
        assertEquals("response.completed", types(events(second.body())).getLast());
    }

    @Test
    void theProvidersErrorReachesCodexAsTheProviderSentIt() throws Exception {
        g.failStatus = 429;
        g.retryAfter = "3";
        g.failBody = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
        var res = f.send(post("{\"model\":\"gpt-5-codex\",\"input\":\"hi\",\"stream\":true}"));

        assertEquals(429, res.statusCode());
        assertEquals(g.failBody, res.body());
        assertEquals("3", res.headers().firstValue("retry-after").orElse(null));
    }

    @Test
    void aProviderThatAnswersAStreamRequestAtOnceStillGivesCodexAStream() throws Exception {
        g.ignoreStream = true;
        var res = f.send(post("{\"model\":\"gpt-5-codex\",\"input\":\"hi\",\"stream\":true}"));

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> ev = events(res.body());
        assertEquals("response.created", ev.getFirst().path("type").asString(), res.body());
        assertEquals("response.completed", ev.getLast().path("type").asString(), res.body());
        assertEquals("Hello from the chat provider", ev.getLast().path("response").path("output").get(0).path("content")
                .get(0).path("text").asString());
    }
}
