package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Whole Chat Completions answers as Responses API response objects, as Codex reads them. */
class ResponsesAnswerTest {

    private static JsonNode convert(String chat) {
        return convert(chat, Set.of());
    }

    private static JsonNode convert(String chat, Set<String> customTools) {
        byte[] out = ResponsesAnswer.toResponses(chat.getBytes(StandardCharsets.UTF_8), customTools);
        String s = new String(out, StandardCharsets.UTF_8);
        assertFalse(s.contains("\n"), "compact JSON: " + s);
        return Json.MAPPER.readTree(s);
    }

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    /** The output with each item's generated id checked (its prefix by type) and then left out, to compare the rest. */
    private static JsonNode outputWithoutIds(JsonNode response) {
        JsonNode output = response.path("output").deepCopy();
        for (JsonNode item : output) {
            String prefix = switch (item.path("type").asString()) {
                case "reasoning" -> "rs_";
                case "message" -> "msg_";
                case "function_call" -> "fc_";
                case "custom_tool_call" -> "ctc_";
                default -> throw new AssertionError("unexpected item " + item);
            };
            String id = item.path("id").asString();
            assertTrue(id.matches(prefix + "[A-Za-z0-9]{24}"), id);
            ((ObjectNode) item).remove("id");
        }
        return output;
    }

    private static String answer(String message, String finish, String usage) {
        return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\",\"created\":1741570283,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":" + message
                + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]" + (usage == null ? "" : ",\"usage\":" + usage)
                + ",\"system_fingerprint\":\"fp_fc9f1d7035\"}";
    }

    @Test
    void aTextAnswerBecomesOneMessageItemWithItsUsage() {
        JsonNode r = convert(answer("{\"role\":\"assistant\",\"content\":\"Hello, Ann!\",\"refusal\":null,\"annotations\":[]}",
                "\"stop\"", "{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}"));

        assertEquals(json("[{\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hello, Ann!\",\"annotations\":[]}]}]"), outputWithoutIds(r));
        ((ObjectNode) r).remove("output");
        assertEquals(json("{\"id\":\"resp_chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"response\","
                + "\"created_at\":1741570283,\"status\":\"completed\",\"model\":\"gpt-4o-2024-08-06\","
                + "\"usage\":{\"input_tokens\":19,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":10,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":29},"
                + "\"incomplete_details\":null,\"error\":null}"), r);
    }

    @Test
    void theIdIsTheUpstreamsOrMadeUpAndTheModelAndTimeHaveDefaults() {
        JsonNode r = convert("{\"id\":\"gen/12:34 é\",\"choices\":[{\"message\":{\"content\":\"x\"}}]}");
        assertEquals("resp_gen1234", r.path("id").asString());

        long before = System.currentTimeMillis() / 1000;
        JsonNode none = convert("{\"choices\":[{\"message\":{\"content\":\"x\"}}]}");
        assertTrue(none.path("id").asString().matches("resp_[A-Za-z0-9]{24}"), none.path("id").asString());
        assertEquals("unknown", none.path("model").asString());
        assertTrue(none.path("created_at").asLong() >= before, none.toString());
        assertEquals(json("{\"input_tokens\":0,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":0,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":0}"), none.path("usage"));
    }

    @Test
    void reasoningBecomesAReasoningItemBeforeTheMessage() {
        JsonNode r = convert("{\"id\":\"930c60df-bf64-41c9-a88e-3ec75f81e00e\",\"object\":\"chat.completion\","
                + "\"created\":1737892042,\"model\":\"deepseek-reasoner\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hi! How can I help?\",\"reasoning_content\":\"The user says hi.\"},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,"
                + "\"total_tokens\":42,\"completion_tokens_details\":{\"reasoning_tokens\":22},"
                + "\"prompt_cache_hit_tokens\":0,\"prompt_cache_miss_tokens\":12}}");

        assertEquals(json("[{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"The user says hi.\"}],"
                + "\"content\":[{\"type\":\"reasoning_text\",\"text\":\"The user says hi.\"}]},"
                + "{\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi! How can I help?\",\"annotations\":[]}]}]"),
                outputWithoutIds(r));
        assertEquals(22, r.path("usage").path("output_tokens_details").path("reasoning_tokens").asInt());

        JsonNode openRouter = convert(answer("{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning\":\"Thinking.\"}",
                "\"stop\"", null));
        assertEquals("Thinking.", openRouter.path("output").path(0).path("summary").path(0).path("text").asString());
    }

    @Test
    void toolCallsBecomeFunctionCallItemsKeepingTheirIds() {
        JsonNode r = convert(answer("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_FthC9qRpsL5kBpwwyw6c7j4k\",\"type\":\"function\",\"function\":{\"name\":\"shell\","
                + "\"arguments\":\"{\\\"command\\\":[\\\"ls\\\",\\\"-la\\\"]}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"list_mcp_resources\",\"arguments\":\"\"}},"
                + "{\"id\":\"call_3\",\"type\":\"function\",\"function\":{\"name\":\"update_plan\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"view_image\",\"arguments\":{\"path\":\"a.png\"}}}"
                + "],\"refusal\":null}", "\"tool_calls\"", null));

        JsonNode output = outputWithoutIds(r);
        assertEquals(4, output.size(), output.toString());
        assertEquals(json("{\"type\":\"function_call\",\"call_id\":\"call_FthC9qRpsL5kBpwwyw6c7j4k\",\"name\":\"shell\","
                + "\"arguments\":\"{\\\"command\\\":[\\\"ls\\\",\\\"-la\\\"]}\",\"status\":\"completed\"}"), output.get(0));
        assertEquals(json("{\"type\":\"function_call\",\"call_id\":\"call_2\",\"name\":\"list_mcp_resources\","
                + "\"arguments\":\"{}\",\"status\":\"completed\"}"), output.get(1), "empty arguments");
        assertEquals(json("{\"type\":\"function_call\",\"call_id\":\"call_3\",\"name\":\"update_plan\","
                + "\"arguments\":\"{}\",\"status\":\"completed\"}"), output.get(2), "missing arguments");
        JsonNode made = output.path(3);
        assertTrue(made.path("call_id").asString().matches("call_[A-Za-z0-9]{24}"), made.toString());
        assertEquals("{\"path\":\"a.png\"}", made.path("arguments").asString(), "arguments sent whole as an object");
        assertEquals("completed", r.path("status").asString());
        assertTrue(r.path("incomplete_details").isNull());
        assertNotEquals(r.path("output").path(0).path("id").asString(), r.path("output").path(1).path("id").asString());
    }

    @Test
    void aCustomToolCallGetsTheInputOutOfItsArguments() {
        String patch = "*** Begin Patch\n*** Add File: hello.txt\n+Hello \"world\"\n*** End Patch\n";
        String arguments = Json.COMPACT.writeValueAsString(Json.COMPACT.writeValueAsString(Map.of("input", patch)));
        JsonNode r = convert(answer("{\"role\":\"assistant\",\"content\":\"Adding the file.\",\"tool_calls\":["
                + "{\"id\":\"call_patch1\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\","
                + "\"arguments\":" + arguments + "}},"
                + "{\"id\":\"call_patch2\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\","
                + "\"arguments\":\"*** Begin Patch\\n*** End Patch\"}},"
                + "{\"id\":\"call_patch3\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\","
                + "\"arguments\":\"{\\\"patch\\\":1}\"}},"
                + "{\"id\":\"call_sh\",\"type\":\"function\",\"function\":{\"name\":\"shell\","
                + "\"arguments\":\"{\\\"input\\\":\\\"x\\\"}\"}},"
                + "{\"id\":\"call_native\",\"type\":\"custom\",\"custom\":{\"name\":\"grammar_tool\",\"input\":\"raw {text}\"}}"
                + "]}", "\"tool_calls\"", null), Set.of("apply_patch"));

        assertEquals(json("[{\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Adding the file.\",\"annotations\":[]}]},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_patch1\",\"name\":\"apply_patch\",\"input\":"
                + Json.COMPACT.writeValueAsString(patch) + ",\"status\":\"completed\"},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_patch2\",\"name\":\"apply_patch\","
                + "\"input\":\"*** Begin Patch\\n*** End Patch\",\"status\":\"completed\"},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_patch3\",\"name\":\"apply_patch\","
                + "\"input\":\"{\\\"patch\\\":1}\",\"status\":\"completed\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_sh\",\"name\":\"shell\","
                + "\"arguments\":\"{\\\"input\\\":\\\"x\\\"}\",\"status\":\"completed\"},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_native\",\"name\":\"grammar_tool\","
                + "\"input\":\"raw {text}\",\"status\":\"completed\"}]"), outputWithoutIds(r));
    }

    @Test
    void usageCountsInputWithTheCachedTokensAndTakesDeepSeeksCacheHits() {
        JsonNode openAi = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":2006,\"completion_tokens\":300,"
                + "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":256,\"audio_tokens\":0}}"));
        assertEquals(json("{\"input_tokens\":2006,\"input_tokens_details\":{\"cached_tokens\":1920},\"output_tokens\":300,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":256},\"total_tokens\":2306}"), openAi.path("usage"));

        JsonNode deepSeek = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":1200,\"completion_tokens\":55,"
                + "\"total_tokens\":1255,\"completion_tokens_details\":{\"reasoning_tokens\":40},"
                + "\"prompt_cache_hit_tokens\":1024,\"prompt_cache_miss_tokens\":176}"));
        assertEquals(json("{\"input_tokens\":1200,\"input_tokens_details\":{\"cached_tokens\":1024},\"output_tokens\":55,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":40},\"total_tokens\":1255}"), deepSeek.path("usage"));

        JsonNode odd = convert(answer("{\"content\":\"x\"}", "\"stop\"", "{\"prompt_tokens\":10,\"completion_tokens\":\"5\","
                + "\"total_tokens\":99}"));
        assertEquals(json("{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":0,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":10}"), odd.path("usage"),
                "total is input + output, a count that is no number is 0");
    }

    @Test
    void finishReasonsGiveTheStatusAndIncompleteDetails() {
        String[][] cases = {
            {"\"length\"", "incomplete", "{\"reason\":\"max_output_tokens\"}"},
            {"\"content_filter\"", "incomplete", "{\"reason\":\"content_filter\"}"},
            {"\"stop\"", "completed", "null"},
            {"\"tool_calls\"", "completed", "null"},
            {"null", "completed", "null"},
            {"\"eos\"", "completed", "null"},
        };
        for (String[] c : cases) {
            JsonNode r = convert(answer("{\"content\":\"partial\"}", c[0], null));
            assertEquals(c[1], r.path("status").asString(), c[0]);
            assertEquals(json(c[2]), r.path("incomplete_details"), c[0]);
            assertTrue(r.path("error").isNull());
        }
    }

    @Test
    void anAnswerWithNothingHasAnEmptyOutput() {
        JsonNode r = convert(answer("{\"role\":\"assistant\",\"content\":\"\"}", "\"stop\"", null));
        assertEquals(json("[]"), r.path("output"));
    }

    @Test
    void aBodyThatIsNoChatCompletionIsRejectedAs502WithTheFix() {
        for (String body : new String[] {"<html><head><title>Bad Gateway</title></head></html>", "", "   ",
                "{\"object\":\"list\",\"data\":[]}", "{\"choices\":[]}", "{\"choices\":[1]}", "[1,2]",
                "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[]}", "{\"error\":{\"message\":\"upstream timed out\"}}"}) {
            Rejection r = assertThrows(Rejection.class,
                    () -> ResponsesAnswer.toResponses(body.getBytes(StandardCharsets.UTF_8), Set.of()), body);
            assertEquals(502, r.status());
            assertEquals("api_error", r.type());
            assertTrue(r.getMessage().contains("not a Chat Completions response"), r.getMessage());
            assertTrue(r.getMessage().contains("API format") && r.getMessage().contains("base URL"), r.getMessage());
        }
        Rejection titled = assertThrows(Rejection.class, () -> ResponsesAnswer.toResponses(
                "<html><head><title>Bad Gateway</title></head></html>".getBytes(StandardCharsets.UTF_8), null));
        assertTrue(titled.getMessage().contains("\"Bad Gateway\""), titled.getMessage());
        Rejection error = assertThrows(Rejection.class, () -> ResponsesAnswer.toResponses(
                "{\"error\":{\"message\":\"upstream timed out\"}}".getBytes(StandardCharsets.UTF_8), Set.of()));
        assertTrue(error.getMessage().contains("upstream timed out"), error.getMessage());
        assertThrows(Rejection.class, () -> ResponsesAnswer.toResponses(null, Set.of()));
    }
}
