package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Whole Chat Completions answers and upstream errors, as Anthropic Messages answers. */
class ChatResponseTest {

    private static JsonNode convert(String chat) {
        byte[] out = ChatResponse.toAnthropic(chat.getBytes(StandardCharsets.UTF_8));
        String s = new String(out, StandardCharsets.UTF_8);
        assertFalse(s.contains("\n"), "compact JSON: " + s);
        return Json.MAPPER.readTree(s);
    }

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    private static String answer(String message, String finish, String usage) {
        return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\",\"created\":1741570283,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":" + message
                + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]" + (usage == null ? "" : ",\"usage\":" + usage)
                + ",\"system_fingerprint\":\"fp_fc9f1d7035\"}";
    }

    @Test
    void aTextAnswerBecomesOneTextBlockWithItsUsage() {
        JsonNode m = convert(answer("{\"role\":\"assistant\",\"content\":\"Hello, Ann!\",\"refusal\":null}", "\"stop\"",
                "{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}}"));

        assertEquals(json("{\"id\":\"msg_chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"gpt-4o-2024-08-06\",\"content\":[{\"type\":\"text\",\"text\":\"Hello, Ann!\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"output_tokens\":10,"
                + "\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0}}"), m);
    }

    @Test
    void theIdKeepsOnlyIdCharactersAndIsMadeUpWhenMissingAndTheModelDefaultsToUnknown() {
        JsonNode m = convert("{\"id\":\"gen/12:34 é\",\"choices\":[{\"message\":{\"content\":\"x\"}}]}");
        assertEquals("msg_gen1234", m.path("id").asString());

        JsonNode none = convert("{\"choices\":[{\"message\":{\"content\":\"x\"}}]}");
        assertTrue(none.path("id").asString().matches("msg_[A-Za-z0-9]{24}"), none.path("id").asString());
        assertEquals("unknown", none.path("model").asString());
    }

    @Test
    void contentAsAnArrayOfPartsIsJoined() {
        JsonNode m = convert(answer("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hel\"},"
                + "{\"type\":\"text\",\"text\":\"lo\"}]}", "\"stop\"", null));
        assertEquals(json("[{\"type\":\"text\",\"text\":\"Hello\"}]"), m.path("content"));
    }

    @Test
    void toolCallsBecomeToolUseBlocksWithParsedArguments() {
        JsonNode m = convert(answer("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"Read\","
                + "\"arguments\":\"{\\\"file_path\\\":\\\"/tmp/a.txt\\\",\\\"limit\\\":5}\"}},"
                + "{\"id\":\"call_empty\",\"type\":\"function\",\"function\":{\"name\":\"LS\",\"arguments\":\"\"}},"
                + "{\"id\":\"call_bad\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"Glob\"}},"
                + "{\"id\":\"call_arr\",\"type\":\"function\",\"function\":{\"name\":\"X\",\"arguments\":\"[1,2]\"}}"
                + "]}", "\"tool_calls\"", null));

        JsonNode c = m.path("content");
        assertEquals(5, c.size(), c.toString());
        assertEquals(json("{\"type\":\"tool_use\",\"id\":\"call_abc\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"/tmp/a.txt\",\"limit\":5}}"), c.get(0));
        assertEquals(json("{\"type\":\"tool_use\",\"id\":\"call_empty\",\"name\":\"LS\",\"input\":{}}"), c.get(1));
        assertEquals(json("{\"type\":\"tool_use\",\"id\":\"call_bad\",\"name\":\"Bash\",\"input\":{}}"), c.get(2),
                "unparsable arguments");
        assertTrue(c.get(3).path("id").asString().matches("toolu_[A-Za-z0-9]{24}"), c.get(3).toString());
        assertEquals(json("{}"), c.get(3).path("input"), "missing arguments");
        assertEquals(json("{\"value\":[1,2]}"), c.get(4).path("input"));
        assertEquals("tool_use", m.path("stop_reason").asString());
    }

    @Test
    void textBeforeToolCallsComesFirst() {
        JsonNode m = convert(answer("{\"role\":\"assistant\",\"content\":\"Let me look.\",\"tool_calls\":["
                + "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]}",
                "\"tool_calls\"", null));
        assertEquals("text", m.path("content").get(0).path("type").asString());
        assertEquals("tool_use", m.path("content").get(1).path("type").asString());
    }

    @Test
    void reasoningBecomesAThinkingBlockBeforeTheText() {
        JsonNode m = convert("{\"id\":\"930c60df-bf64-41c9-a88e-3ec75f81e00e\",\"object\":\"chat.completion\","
                + "\"model\":\"deepseek-reasoner\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"9.11 is smaller.\",\"reasoning_content\":\"Compare 9.11 and 9.8 digit by digit.\"},"
                + "\"finish_reason\":\"stop\"}]}");
        assertEquals(json("[{\"type\":\"thinking\",\"thinking\":\"Compare 9.11 and 9.8 digit by digit.\",\"signature\":\"\"},"
                + "{\"type\":\"text\",\"text\":\"9.11 is smaller.\"}]"), m.path("content"));

        JsonNode openRouter = convert(answer("{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning\":\"hmm\"}",
                "\"stop\"", null));
        assertEquals("hmm", openRouter.path("content").get(0).path("thinking").asString());
        assertEquals("text", openRouter.path("content").get(1).path("type").asString());

        JsonNode signed = Json.MAPPER.readTree(ChatResponse.toAnthropic(answer("{\"role\":\"assistant\",\"content\":"
                + "\"ok\",\"reasoning_content\":\"hmm\"}", "\"stop\"", null).getBytes(StandardCharsets.UTF_8), "sig-of-origin"));
        assertEquals("sig-of-origin", signed.path("content").get(0).path("signature").asString());
    }

    @Test
    void anEmptyAnswerIsOneEmptyTextBlock() {
        JsonNode m = convert(answer("{\"role\":\"assistant\",\"content\":\"\",\"reasoning_content\":\"\"}", "\"stop\"", null));
        assertEquals(json("[{\"type\":\"text\",\"text\":\"\"}]"), m.path("content"));
    }

    @Test
    void finishReasonsMapToAnthropicStopReasons() {
        Map<String, String> table = Map.of("\"stop\"", "end_turn", "\"length\"", "max_tokens", "\"tool_calls\"", "tool_use",
                "\"function_call\"", "tool_use", "\"content_filter\"", "refusal", "\"eos\"", "end_turn", "null", "end_turn");
        table.forEach((finish, stop) -> assertEquals(stop,
                convert(answer("{\"content\":\"x\"}", finish, null)).path("stop_reason").asString(), finish));

        String call = "{\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}";
        assertEquals("tool_use", convert(answer(call, "null", null)).path("stop_reason").asString());
        assertEquals("tool_use", convert(answer(call, "\"stop\"", null)).path("stop_reason").asString());
        assertEquals("max_tokens", convert(answer(call, "\"length\"", null)).path("stop_reason").asString());
    }

    @Test
    void cachedTokensAreSubtractedFromPromptTokensOnce() {
        JsonNode openAi = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":2006,\"completion_tokens\":300,"
                + "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}"));
        assertEquals(json("{\"input_tokens\":86,\"output_tokens\":300,\"cache_read_input_tokens\":1920,"
                + "\"cache_creation_input_tokens\":0}"), openAi.path("usage"));

        JsonNode deepSeek = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":1200,\"completion_tokens\":55,"
                + "\"total_tokens\":1255,\"prompt_cache_hit_tokens\":1024,\"prompt_cache_miss_tokens\":176}"));
        assertEquals(json("{\"input_tokens\":176,\"output_tokens\":55,\"cache_read_input_tokens\":1024,"
                + "\"cache_creation_input_tokens\":0}"), deepSeek.path("usage"));

        JsonNode odd = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":10,\"completion_tokens\":1,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":12}}"));
        assertEquals(0, odd.path("usage").path("input_tokens").asInt(), "never below zero");
    }

    @Test
    void missingUsageIsZeros() {
        assertEquals(json("{\"input_tokens\":0,\"output_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"cache_creation_input_tokens\":0}"), convert(answer("{\"content\":\"x\"}", "\"stop\"", null)).path("usage"));
        assertEquals(0, convert(answer("{\"content\":\"x\"}", "\"stop\"", "null")).path("usage").path("input_tokens").asInt());
    }

    @Test
    void aBodyThatIsNoChatCompletionIsRejectedAs502WithTheFix() {
        String secretish = "x".repeat(300) + "TAIL";
        for (String body : new String[] {"<html><body>" + secretish + "</body></html>", "", "{\"object\":\"list\",\"data\":[]}",
                "{\"choices\":[]}", "[1,2]", "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[]}",
                "{\"error\":{\"message\":\"upstream timed out\"}}"}) {
            Rejection r = assertThrows(Rejection.class,
                    () -> ChatResponse.toAnthropic(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals(502, r.status());
            assertEquals("api_error", r.type());
            assertTrue(r.getMessage().contains("not a Chat Completions response"), r.getMessage());
            assertTrue(r.getMessage().contains("API format") && r.getMessage().contains("base URL"), r.getMessage());
            assertFalse(r.getMessage().contains("TAIL"), "quotes at most 200 characters: " + r.getMessage());
            assertTrue(r.getMessage().length() < 330, r.getMessage());
        }
    }

    // ---- errors ----

    private static JsonNode error(int status, String body) {
        String s = new String(ChatResponse.error(status, body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertFalse(s.contains("\n"), s);
        JsonNode n = Json.MAPPER.readTree(s);
        assertEquals("error", n.path("type").asString());
        assertEquals(2, n.size(), s);
        assertEquals(2, n.path("error").size(), s);
        return n.path("error");
    }

    @Test
    void aRequestOverTheContextWindowIsSaidInAnthropicsWordsSoClaudeCodeCompacts() {
        String[] bodies = {
            "{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens. However, you requested 140000"
                    + " tokens.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
            "{\"error\":{\"message\":\"Please reduce the length of the messages or completion.\",\"type\":"
                    + "\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
            "[{\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the maximum number of tokens"
                    + " allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}]",
        };
        for (String b : bodies) {
            JsonNode e = Json.MAPPER.readTree(ChatResponse.error(400, b.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.path("error").path("message").asString().startsWith("prompt is too long: "), e.toString());
            assertEquals("invalid_request_error", e.path("error").path("type").asString());
        }
        JsonNode other = Json.MAPPER.readTree(ChatResponse.error(400, ("{\"error\":{\"message\":\"Invalid value for"
                + " tool_choice\"}}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("Invalid value for tool_choice", other.path("error").path("message").asString());
    }

    @Test
    void anOpenAiErrorKeepsItsMessageWithTheStatussType() {
        JsonNode e = error(401, "{\n  \"error\": {\n    \"message\": \"Incorrect API key provided.\",\n"
                + "    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": \"invalid_api_key\"\n  }\n}\n");
        assertEquals("authentication_error", e.path("type").asString());
        assertEquals("Incorrect API key provided.", e.path("message").asString());

        assertEquals("Rate limit reached for deepseek-chat", error(429, "{\"error\":{\"message\":\"Rate limit reached for "
                + "deepseek-chat\",\"type\":\"rate_limit_error\"}}").path("message").asString());
        assertEquals("model not found", error(404, "{\"error\":\"model not found\"}").path("message").asString());
        assertEquals("The model `x` does not exist.", error(404, "{\"object\":\"error\",\"message\":\"The model `x` does not "
                + "exist.\",\"type\":\"NotFoundError\",\"code\":404}").path("message").asString());
        assertEquals("Not authenticated", error(403, "{\"detail\":\"Not authenticated\"}").path("message").asString());
        assertEquals("quota", error(429, "[{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}]")
                .path("message").asString());
    }

    @Test
    void anotherJsonPlainTextHtmlAndAnEmptyBodyStillGiveAUsefulMessage() {
        assertEquals("the upstream answered HTTP 500: {\"status\":\"broken\"}",
                error(500, "{\"status\":\"broken\"}").path("message").asString());
        assertEquals("the upstream answered HTTP 502: upstream connect error or disconnect/reset before headers",
                error(502, "upstream connect error or disconnect/reset before headers\n").path("message").asString());
        assertEquals("the upstream answered HTTP 504 with an HTML page titled \"504 Gateway Time-out\"",
                error(504, "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway "
                        + "Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").path("message").asString());
        assertEquals("the upstream answered HTTP 403 with an HTML page",
                error(403, "<!DOCTYPE html><html><body>denied</body></html>").path("message").asString());
        assertEquals("the upstream answered HTTP 503 with an empty body", error(503, "").path("message").asString());
        assertEquals("the upstream answered HTTP 503 with an empty body", error(503, " \n").path("message").asString());

        String longText = error(500, "a\u001b[31m b\n" + "y".repeat(5000)).path("message").asString();
        assertTrue(longText.startsWith("the upstream answered HTTP 500: a[31m b y"), longText);
        assertTrue(longText.length() < 260 && longText.endsWith("…"), longText);
    }

    @Test
    void eachStatusHasItsAnthropicType() {
        Map<Integer, String> table = Map.ofEntries(Map.entry(400, "invalid_request_error"),
                Map.entry(401, "authentication_error"), Map.entry(403, "permission_error"), Map.entry(404, "not_found_error"),
                Map.entry(413, "request_too_large"), Map.entry(429, "rate_limit_error"), Map.entry(503, "overloaded_error"),
                Map.entry(529, "overloaded_error"), Map.entry(500, "api_error"), Map.entry(502, "api_error"),
                Map.entry(504, "api_error"), Map.entry(402, "invalid_request_error"), Map.entry(422, "invalid_request_error"),
                Map.entry(408, "invalid_request_error"));
        table.forEach((status, type) -> {
            assertEquals(type, ChatResponse.errorType(status), "status " + status);
            assertEquals(type, error(status, "{\"error\":{\"message\":\"m\",\"type\":\"server_error\"}}").path("type").asString());
        });
    }
}
