package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chunk sequences written as the providers send them (OpenAI, DeepSeek, OpenRouter), replayed
 * through {@link ChatStream}: the Anthropic events, their order and indexes, and what Claude Code
 * would build from them.
 */
class ChatStreamTest {
    private static final Pattern EVENT = Pattern.compile("event: ([a-z_]+)\ndata: ([^\n]+)\n\n");

    /** One Anthropic event as written. */
    private record Event(String name, JsonNode data) {
        int index() {
            return data.path("index").asInt(-1);
        }

        JsonNode delta() {
            return data.path("delta");
        }
    }

    /** Every returned byte[] must be exactly one whole event, its JSON on one line, named as its type. */
    private static List<Event> events(List<byte[]> raw) {
        List<Event> out = new ArrayList<>();
        for (byte[] b : raw) {
            String s = new String(b, StandardCharsets.UTF_8);
            Matcher m = EVENT.matcher(s);
            assertTrue(m.matches(), "not one complete event: " + s);
            JsonNode data = Json.MAPPER.readTree(m.group(2));
            assertEquals(m.group(1), data.path("type").asString(), s);
            out.add(new Event(m.group(1), data));
        }
        return out;
    }

    /** All events of a whole stream: each data in turn, then finish() as the reader's end of input does. */
    private static List<Event> replay(ChatStream stream, String... data) {
        List<Event> out = new ArrayList<>();
        for (String d : data) {
            out.addAll(events(stream.onData(d)));
        }
        out.addAll(events(stream.finish()));
        return out;
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static String joined(List<Event> events, int index, String deltaType, String field) {
        StringBuilder b = new StringBuilder();
        for (Event e : events) {
            if (e.name().equals("content_block_delta") && e.index() == index) {
                assertEquals(deltaType, e.delta().path("type").asString(), "block " + index + ": " + e.data());
                b.append(e.delta().path(field).asString());
            }
        }
        return b.toString();
    }

    private static Event only(List<Event> events, String name) {
        List<Event> found = events.stream().filter(e -> e.name().equals(name)).toList();
        assertEquals(1, found.size(), name + " in " + names(events));
        return found.get(0);
    }

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    // ---- OpenAI: a role-only first chunk, text, finish_reason, then a usage chunk with empty choices ----

    private static final String OPENAI_HEAD = "{\"id\":\"chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1739010890,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
            + "\"system_fingerprint\":\"fp_72ed7ab54c\",";

    private static String openAi(String delta, String finish) {
        return OPENAI_HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + finish + "}],\"usage\":null}";
    }

    @Test
    void anOpenAiTextStream() {
        ChatStream s = new ChatStream();
        List<Event> first = events(s.onData(openAi("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null")));
        assertEquals(List.of("message_start"), names(first), "a role-only chunk gives only message_start");
        assertEquals(json("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-4o-mini-2024-07-18\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}"),
                first.get(0).data());

        List<Event> rest = replay(s,
                openAi("{\"content\":\"Hel\"}", "null"),
                openAi("{\"content\":\"lo, \"}", "null"),
                openAi("{\"content\":\"wörld 👋\"}", "null"),
                openAi("{}", "\"stop\""),
                OPENAI_HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":12,\"total_tokens\":2018,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}",
                "[DONE]");

        assertEquals(List.of("content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), names(rest));
        assertEquals(json("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                rest.get(0).data());
        assertEquals("Hello, wörld 👋", joined(rest, 0, "text_delta", "text"));
        assertEquals(json("{\"type\":\"content_block_stop\",\"index\":0}"), rest.get(4).data());
        assertEquals(json("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"input_tokens\":86,\"output_tokens\":12,\"cache_read_input_tokens\":1920,"
                + "\"cache_creation_input_tokens\":0}}"), rest.get(5).data());
        assertEquals(json("{\"type\":\"message_stop\"}"), rest.get(6).data());
        assertTrue(s.finish().isEmpty());
        assertFalse(s.failed());
    }

    // ---- DeepSeek: reasoning_content, then content; usage in the last chunk with choices ----

    private static String deepSeek(String delta, String finish, String usage) {
        return "{\"id\":\"b7e3c0f2-5a1e-4c55-9b0c-1f2d3e4a5b6c\",\"object\":\"chat.completion.chunk\",\"created\":1737892042,"
                + "\"model\":\"deepseek-reasoner\",\"system_fingerprint\":\"fp_7e73fd9a08\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]" + (usage == null ? "" : ",\"usage\":" + usage)
                + "}";
    }

    @Test
    void aDeepSeekReasoningStreamOpensAThinkingBlockThenAText() {
        List<Event> ev = replay(new ChatStream(),
                deepSeek("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}", "null", null),
                deepSeek("{\"content\":null,\"reasoning_content\":\"Okay, the user\"}", "null", null),
                deepSeek("{\"content\":null,\"reasoning_content\":\" says hi.\"}", "null", null),
                deepSeek("{\"content\":\"Hi\",\"reasoning_content\":null}", "null", null),
                deepSeek("{\"content\":\"! How can I help?\",\"reasoning_content\":null}", "null", null),
                deepSeek("{\"content\":\"\",\"reasoning_content\":null}", "\"stop\"", "{\"prompt_tokens\":1200,"
                        + "\"completion_tokens\":55,\"total_tokens\":1255,\"completion_tokens_details\":{\"reasoning_tokens\":40},"
                        + "\"prompt_cache_hit_tokens\":1024,\"prompt_cache_miss_tokens\":176}"),
                "[DONE]");

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), names(ev));
        assertEquals(json("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\","
                + "\"thinking\":\"\",\"signature\":\"\"}}"), ev.get(1).data());
        assertEquals("Okay, the user says hi.", joined(ev, 0, "thinking_delta", "thinking"));
        assertEquals(0, ev.get(4).index());
        assertEquals(1, ev.get(5).index());
        assertEquals("text", ev.get(5).data().path("content_block").path("type").asString());
        assertEquals("Hi! How can I help?", joined(ev, 1, "text_delta", "text"));
        assertEquals(json("{\"input_tokens\":176,\"output_tokens\":55,\"cache_read_input_tokens\":1024,"
                + "\"cache_creation_input_tokens\":0}"), only(ev, "message_delta").data().path("usage"));
        assertTrue(ev.stream().noneMatch(e -> e.delta().path("type").asString().equals("signature_delta")));
    }

    @Test
    void aSignedStreamEndsItsThinkingBlockWithTheGivenSignature() {
        List<Event> ev = replay(new ChatStream("sig-of-origin"),
                deepSeek("{\"content\":null,\"reasoning_content\":\"Hmm.\"}", "null", null),
                deepSeek("{\"content\":\"Hi\",\"reasoning_content\":null}", "\"stop\"", null),
                "[DONE]");

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop"), names(ev));
        assertEquals(json("{\"type\":\"signature_delta\",\"signature\":\"sig-of-origin\"}"), ev.get(3).delta());
        assertEquals(0, ev.get(3).index());
    }

    // ---- tool calls ----

    private static String call(String toolCalls, String finish) {
        return openAi("{\"tool_calls\":" + toolCalls + "}", finish);
    }

    @Test
    void aToolCallSplitOverFourChunksAfterText() {
        List<Event> ev = replay(new ChatStream(),
                openAi("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"),
                openAi("{\"content\":\"Let me check.\"}", "null"),
                openAi("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"\"}}],\"refusal\":null}",
                        "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"location\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"\\\":\\\"Paris\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\", France\\\"}\"}}]", "null"),
                openAi("{}", "\"tool_calls\""),
                "[DONE]");

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names(ev));
        assertEquals(0, ev.get(3).index());
        assertEquals(json("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"name\":\"get_weather\",\"input\":{}}}"), ev.get(4).data());
        assertEquals(json("{\"location\":\"Paris, France\"}"), json(joined(ev, 1, "input_json_delta", "partial_json")));
        assertEquals(1, ev.get(9).index());
        assertEquals("tool_use", only(ev, "message_delta").data().path("delta").path("stop_reason").asString());
    }

    @Test
    void twoParallelToolCallsBecomeTwoBlocksInTurn() {
        List<Event> ev = replay(new ChatStream(),
                openAi("{\"role\":\"assistant\",\"content\":null}", "null"),
                call("[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"{\\\"file_path\\\": \\\"/a\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\".txt\\\"}\"}}]", "null"),
                call("[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"Glob\",\"arguments\":\"\"}}]", "null"),
                call("[{\"index\":1,\"function\":{\"arguments\":\"{\\\"pattern\\\": \"}}]", "null"),
                call("[{\"index\":1,\"function\":{\"arguments\":\"\\\"*.java\\\"}\"}}]", "null"),
                openAi("{}", "\"tool_calls\""),
                "[DONE]");

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), names(ev));
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1), ev.subList(1, 9).stream().map(Event::index).toList());
        assertEquals("call_a", ev.get(1).data().path("content_block").path("id").asString());
        assertEquals("call_b", ev.get(5).data().path("content_block").path("id").asString());
        assertEquals("Glob", ev.get(5).data().path("content_block").path("name").asString());
        assertEquals(json("{\"file_path\":\"/a.txt\"}"), json(joined(ev, 0, "input_json_delta", "partial_json")));
        assertEquals(json("{\"pattern\":\"*.java\"}"), json(joined(ev, 1, "input_json_delta", "partial_json")));
    }

    @Test
    void aLateFragmentForAClosedToolIsDroppedAndAMissingIdIsMadeUp() {
        List<Event> ev = replay(new ChatStream(),
                call("[{\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"A\",\"arguments\":\"{}\"}},"
                        + "{\"index\":1,\"type\":\"function\",\"function\":{\"name\":\"B\",\"arguments\":\"{\\\"x\\\":1}\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"garbage\"}}]", "\"tool_calls\""));

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names(ev));
        assertEquals("{}", joined(ev, 0, "input_json_delta", "partial_json"));
        assertEquals("{\"x\":1}", joined(ev, 1, "input_json_delta", "partial_json"));
        assertTrue(ev.get(1).data().path("content_block").path("id").asString().matches("toolu_[A-Za-z0-9]{24}"));
    }

    @Test
    void anOpenRouterToolCallWithEmptyArgumentsStillGetsAnInput() {
        String head = "{\"id\":\"gen-1747240516-X0f3ZQ1kCTjWnnrSfn1Q\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude-sonnet-4\","
                + "\"object\":\"chat.completion.chunk\",\"created\":1747240516,";
        List<Event> ev = replay(new ChatStream(),
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null,"
                        + "\"native_finish_reason\":null,\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"toolu_vrtx_01Mh4xH1\",\"type\":\"function\",\"function\":{\"name\":\"LS\",\"arguments\":\"\"}}]},"
                        + "\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"tool_calls\","
                        + "\"native_finish_reason\":\"tool_use\",\"logprobs\":null}]}",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null,"
                        + "\"native_finish_reason\":null,\"logprobs\":null}],\"usage\":{\"prompt_tokens\":5200,\"completion_tokens\":38,"
                        + "\"total_tokens\":5238,\"prompt_tokens_details\":{\"cached_tokens\":5000}}}",
                "[DONE]");

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), names(ev));
        assertEquals("anthropic/claude-sonnet-4", ev.get(0).data().path("message").path("model").asString());
        assertEquals("msg_gen-1747240516-X0f3ZQ1kCTjWnnrSfn1Q", ev.get(0).data().path("message").path("id").asString());
        assertEquals(json("{}"), json(joined(ev, 0, "input_json_delta", "partial_json")));
        JsonNode md = only(ev, "message_delta").data();
        assertEquals("tool_use", md.path("delta").path("stop_reason").asString());
        assertEquals(json("{\"input_tokens\":200,\"output_tokens\":38,\"cache_read_input_tokens\":5000,"
                + "\"cache_creation_input_tokens\":0}"), md.path("usage"));
    }

    @Test
    void aFinishReasonOfLengthIsMaxTokensAndUsageInTheFirstChunkGoesIntoMessageStart() {
        List<Event> ev = replay(new ChatStream(),
                openAi("{\"content\":\"a\"}", "null").replace("\"usage\":null",
                        "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":0,\"prompt_tokens_details\":{\"cached_tokens\":10}}"),
                openAi("{\"content\":\"b\"}", "\"length\""));
        assertEquals(json("{\"input_tokens\":20,\"output_tokens\":0,\"cache_read_input_tokens\":10,"
                + "\"cache_creation_input_tokens\":0}"), ev.get(0).data().path("message").path("usage"));
        assertEquals("max_tokens", only(ev, "message_delta").data().path("delta").path("stop_reason").asString());
        assertEquals(20, only(ev, "message_delta").data().path("usage").path("input_tokens").asInt(), "the last usage seen");
    }

    // ---- endings and errors ----

    @Test
    void anErrorChunkMidStreamClosesTheBlockAndEndsWithAnErrorEvent() {
        ChatStream s = new ChatStream();
        List<Event> ev = new ArrayList<>();
        ev.addAll(events(s.onData(openAi("{\"role\":\"assistant\",\"content\":\"\"}", "null"))));
        ev.addAll(events(s.onData(openAi("{\"content\":\"Partial answ\"}", "null"))));
        assertFalse(s.failed());
        ev.addAll(events(s.onData("{\"id\":\"cmpl-f3c1\",\"object\":\"chat.completion.chunk\",\"created\":1747240516,"
                + "\"model\":\"gpt-4o\",\"provider\":\"OpenAI\",\"error\":{\"code\":\"server_error\",\"message\":\"Provider "
                + "disconnected unexpectedly\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}")));

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop", "error"),
                names(ev));
        assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Provider disconnected unexpectedly\"}}"),
                ev.get(4).data());
        assertTrue(s.failed());
        assertTrue(s.onData("[DONE]").isEmpty(), "no message_delta/message_stop after an error");
        assertTrue(s.finish().isEmpty());
        assertTrue(s.fail("again").isEmpty());
    }

    @Test
    void errorTypesAreAnthropicsWhenTheyCanBe() {
        String[][] cases = {
            {"{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":429}}", "rate_limit_error"},
            {"{\"error\":{\"message\":\"busy\",\"type\":\"overloaded_error\"}}", "overloaded_error"},
            {"{\"error\":{\"message\":\"busy\",\"code\":\"server_overloaded\"}}", "overloaded_error"},
            {"{\"error\":{\"message\":\"busy\",\"code\":503}}", "overloaded_error"},
            {"{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", "rate_limit_error"},
            {"{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\"}}", "invalid_request_error"},
            {"{\"error\":{\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}}", "api_error"},
            {"{\"error\":\"plain words\"}", "api_error"},
        };
        for (String[] c : cases) {
            ChatStream s = new ChatStream();
            List<Event> ev = events(s.onData(c[0]));
            assertEquals(List.of("error"), names(ev), c[0]);
            assertEquals(c[1], ev.get(0).data().path("error").path("type").asString(), c[0]);
            assertFalse(ev.get(0).data().path("error").path("message").asString().isBlank(), c[0]);
            assertTrue(s.failed());
        }
    }

    @Test
    void finishWithoutDoneClosesTheMessageOnceAndLaterDataIsIgnored() {
        ChatStream s = new ChatStream();
        List<Event> ev = new ArrayList<>();
        ev.addAll(events(s.onData(openAi("{\"role\":\"assistant\",\"content\":\"Hi\"}", "null"))));
        ev.addAll(events(s.finish()));

        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), names(ev));
        assertEquals("end_turn", only(ev, "message_delta").data().path("delta").path("stop_reason").asString());
        assertTrue(s.finish().isEmpty(), "finish() twice");
        assertTrue(s.onData(openAi("{\"content\":\"more\"}", "null")).isEmpty());
        assertTrue(s.onData("[DONE]").isEmpty());
        assertTrue(s.fail("late").isEmpty());
        assertFalse(s.failed());
    }

    @Test
    void noChunksAtAllStillMakeAValidMessage() {
        ChatStream s = new ChatStream();
        List<Event> ev = replay(s, "[DONE]");
        assertEquals(List.of("message_start", "message_delta", "message_stop"), names(ev));
        assertTrue(ev.get(0).data().path("message").path("id").asString().matches("msg_[A-Za-z0-9]{24}"));
        assertEquals("unknown", ev.get(0).data().path("message").path("model").asString());
        assertEquals(json("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"cache_creation_input_tokens\":0}}"), ev.get(1).data());

        assertEquals(List.of("message_start", "message_delta", "message_stop"), names(events(new ChatStream().finish())));
    }

    @Test
    void failMidBlockClosesItThenSendsAnApiError() {
        ChatStream s = new ChatStream();
        events(s.onData(openAi("{\"role\":\"assistant\",\"content\":null}", "null")));
        events(s.onData(call("[{\"index\":0,\"id\":\"call_x\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"comm\"}}]",
                "null")));
        List<Event> ev = events(s.fail("the upstream closed the connection mid-answer"));

        assertEquals(List.of("content_block_stop", "error"), names(ev));
        assertEquals(0, ev.get(0).index());
        assertEquals(json("{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"the upstream closed the connection mid-answer\"}}"), ev.get(1).data());
        assertTrue(s.fail("twice").isEmpty());
        assertTrue(s.finish().isEmpty());
        assertFalse(s.failed(), "failed() is about upstream error chunks");
    }

    @Test
    void dataThatIsNotJsonIsSkippedAndCounted() {
        ChatStream s = new ChatStream();
        assertTrue(s.onData("{not json").isEmpty());
        assertTrue(s.onData("").isEmpty());
        assertTrue(s.onData("[1,2]").isEmpty());
        assertTrue(s.onData("{\"choices\":\"weird\",\"usage\":7}").size() == 1, "an odd but JSON chunk starts the message");
        assertTrue(s.onData("{\"choices\":[{\"delta\":{\"tool_calls\":\"x\",\"content\":5}}]}").isEmpty());
        assertEquals(3, s.ignoredEvents());
        assertEquals(List.of("message_delta", "message_stop"), names(events(s.onData("[DONE]"))));
    }
}
