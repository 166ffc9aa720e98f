package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Responses API answer, streamed or whole, in Anthropic's shape (by way of Chat Completions). */
class ResponsesAsChatTest {
    private static List<JsonNode> feed(String... events) {
        ResponsesAsChat t = new ResponsesAsChat(new ChatStream("sig"));
        List<JsonNode> out = new ArrayList<>();
        for (String e : events) {
            for (byte[] b : t.onData(e)) {
                String s = new String(b, StandardCharsets.UTF_8);
                out.add(Json.MAPPER.readTree(s.substring(s.indexOf("data: ") + 6).strip()));
            }
        }
        for (byte[] b : t.finish()) {
            String s = new String(b, StandardCharsets.UTF_8);
            out.add(Json.MAPPER.readTree(s.substring(s.indexOf("data: ") + 6).strip()));
        }
        return out;
    }

    private static final String CREATED = "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_9\",\"model\":\"gpt-x\"}}";

    @Test
    void anAnswerCutByTheOutputLimitStopsWithMaxTokens() {
        List<JsonNode> ev = feed(CREATED, "{\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}",
                "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":"
                        + "{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}}");
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), ev.stream().map(e -> e.path("type").asString()).toList());
        assertEquals("max_tokens", ev.get(4).path("delta").path("stop_reason").asString());
        assertEquals(3, ev.get(4).path("usage").path("output_tokens").asInt());
        assertEquals("gpt-x", ev.get(0).path("message").path("model").asString());
    }

    @Test
    void anErrorEventEndsTheAnswerWithAnErrorAndLaterEventsAreIgnored() {
        List<JsonNode> ev = feed(CREATED, "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"late\"}", "not json");
        JsonNode last = ev.getLast();
        assertEquals("error", last.path("type").asString());
        assertEquals("rate_limit_error", last.path("error").path("type").asString(), "so Claude Code retries it");
        assertEquals("Slow down", last.path("error").path("message").asString());
        assertTrue(ev.stream().noneMatch(e -> e.toString().contains("late")));
    }

    @Test
    void aWholeResponseBecomesAChatCompletionWithItsTextReasoningCallsAndUsage() {
        JsonNode chat = Json.MAPPER.readTree(ResponsesAsChat.completion(("{\"id\":\"resp_1\",\"object\":\"response\","
                + "\"model\":\"gpt-x\",\"status\":\"completed\",\"output\":[{\"type\":\"reasoning\",\"summary\":[{\"type\":"
                + "\"summary_text\",\"text\":\"Thinking.\"}]},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Let me look.\"}]},{\"type\":\"function_call\",\"call_id\":\"call_7\",\"name\":\"Read\","
                + "\"arguments\":\"{\\\"file_path\\\":\\\"a.txt\\\"}\"}],\"usage\":{\"input_tokens\":50,\"input_tokens_details\":"
                + "{\"cached_tokens\":40},\"output_tokens\":9}}").getBytes(StandardCharsets.UTF_8)));
        JsonNode choice = chat.path("choices").get(0);
        assertEquals("tool_calls", choice.path("finish_reason").asString());
        assertEquals("Let me look.", choice.path("message").path("content").asString());
        assertEquals("Thinking.", choice.path("message").path("reasoning_content").asString());
        assertEquals("call_7", choice.path("message").path("tool_calls").get(0).path("id").asString());
        assertEquals(40, chat.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt());

        JsonNode anthropic = Json.MAPPER.readTree(ChatResponse.toAnthropic(Json.COMPACT.writeValueAsBytes(chat), "sig"));
        assertEquals(List.of("thinking", "text", "tool_use"), anthropic.path("content").valueStream()
                .map(b -> b.path("type").asString()).toList());
        assertEquals("a.txt", anthropic.path("content").get(2).path("input").path("file_path").asString());
        assertEquals(10, anthropic.path("usage").path("input_tokens").asInt());
        assertEquals(40, anthropic.path("usage").path("cache_read_input_tokens").asInt());

        Rejection r = assertThrows(Rejection.class, () -> ResponsesAsChat.completion("<html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(502, r.status());
    }
}
