package io.signalbox.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Chunk sequences written as the providers send them (OpenAI, DeepSeek, OpenRouter), replayed
 * through {@link ResponsesStream}: the Responses events, their order, numbers and ids, and the
 * response Codex would build from them.
 */
class ResponsesStreamTest {
    private static final Pattern EVENT = Pattern.compile("event: ([a-z_.]+)\ndata: ([^\n]+)\n\n");
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    /** One Responses event as written. */
    private record Event(String type, JsonNode data) {
        int outputIndex() {
            return data.path("output_index").asInt(-1);
        }

        JsonNode item() {
            return data.path("item");
        }

        JsonNode response() {
            return data.path("response");
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
    private static List<Event> replay(ResponsesStream stream, String... data) {
        List<Event> out = new ArrayList<>();
        for (String d : data) {
            out.addAll(events(stream.onData(d)));
        }
        out.addAll(events(stream.finish()));
        return out;
    }

    private static List<Event> replay(String... data) {
        return checked(replay(new ResponsesStream(Set.of()), data));
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    private static Event only(List<Event> events, String type) {
        List<Event> found = events.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, found.size(), type + " in " + types(events));
        return found.get(0);
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s);
    }

    private static String joined(List<Event> events, String type, int outputIndex) {
        StringBuilder b = new StringBuilder();
        for (Event e : events) {
            if (e.type().equals(type) && e.outputIndex() == outputIndex) {
                b.append(e.data().path("delta").asString());
            }
        }
        return b.toString();
    }

    /**
     * What holds for every whole stream: sequence numbers 0..n-1; created and in_progress first, one
     * terminal event last; items numbered 0, 1, 2… as they are added, one after the other, every
     * event of an item naming the id it was added with; each item's deltas adding up to its .done
     * text and its done item; the final response's output the done items, in order.
     */
    private static List<Event> checked(List<Event> ev) {
        for (int i = 0; i < ev.size(); i++) {
            assertEquals(i, ev.get(i).data().path("sequence_number").asInt(-1), "sequence_number of " + ev.get(i));
        }
        assertTrue(ev.size() >= 3, types(ev).toString());
        assertEquals(List.of("response.created", "response.in_progress"), types(ev).subList(0, 2));
        for (Event e : ev.subList(0, 2)) {
            assertEquals("in_progress", e.response().path("status").asString());
            assertEquals(json("[]"), e.response().path("output"));
            assertEquals("response", e.response().path("object").asString());
        }
        assertTrue(TERMINAL.contains(last(ev).type()), types(ev).toString());
        assertEquals(1, ev.stream().filter(e -> TERMINAL.contains(e.type())).count(), types(ev).toString());
        String responseId = ev.get(0).response().path("id").asString();
        assertTrue(responseId.startsWith("resp_"), responseId);
        assertEquals(responseId, last(ev).response().path("id").asString());

        Map<Integer, String> ids = new HashMap<>();
        ArrayNode done = Json.MAPPER.createArrayNode();
        int current = -1;
        Map<Integer, StringBuilder> summary = new HashMap<>();
        Map<Integer, StringBuilder> text = new HashMap<>();
        Map<Integer, StringBuilder> args = new HashMap<>();
        for (Event e : ev.subList(2, ev.size() - 1)) {
            int i = e.outputIndex();
            assertTrue(i >= 0, "no output_index: " + e);
            if (e.type().equals("response.output_item.added")) {
                assertEquals(current + 1, i, "items numbered in turn: " + e);
                current = i;
                ids.put(i, e.item().path("id").asString());
                assertNotEquals("", ids.get(i));
                assertEquals(1, ids.values().stream().filter(ids.get(i)::equals).count(), "ids differ");
                continue;
            }
            assertEquals(current, i, "events of the open item only: " + e);
            if (e.data().has("item_id")) {
                assertEquals(ids.get(i), e.data().path("item_id").asString(), e.toString());
            }
            String delta = e.data().path("delta").asString();
            switch (e.type()) {
                case "response.reasoning_summary_text.delta" -> summary.computeIfAbsent(i, k -> new StringBuilder()).append(delta);
                case "response.output_text.delta" -> text.computeIfAbsent(i, k -> new StringBuilder()).append(delta);
                case "response.function_call_arguments.delta" -> args.computeIfAbsent(i, k -> new StringBuilder()).append(delta);
                case "response.reasoning_summary_text.done" ->
                        assertEquals(summary.get(i).toString(), e.data().path("text").asString());
                case "response.output_text.done" -> assertEquals(text.get(i).toString(), e.data().path("text").asString());
                case "response.function_call_arguments.done" ->
                        assertEquals(args.get(i).toString(), e.data().path("arguments").asString());
                case "response.output_item.done" -> {
                    JsonNode item = e.item();
                    assertEquals(ids.get(i), item.path("id").asString());
                    switch (item.path("type").asString()) {
                        case "reasoning" -> {
                            assertEquals(summary.get(i).toString(), item.path("summary").path(0).path("text").asString());
                            assertEquals(summary.get(i).toString(), item.path("content").path(0).path("text").asString());
                        }
                        case "message" -> {
                            assertEquals(text.get(i).toString(), item.path("content").path(0).path("text").asString());
                            assertEquals("completed", item.path("status").asString());
                        }
                        case "function_call" -> assertEquals(args.get(i).toString(), item.path("arguments").asString());
                        case "custom_tool_call" -> assertFalse(args.containsKey(i), "no deltas for a custom tool call");
                        default -> throw new AssertionError("unexpected item " + item);
                    }
                    done.add(item);
                }
                default -> {
                }
            }
        }
        assertEquals(done, last(ev).response().path("output"), "the final output is the done items");
        return ev;
    }

    // ---- OpenAI: a role-only first chunk, text, finish_reason, then a usage chunk with empty choices ----

    private static final String OPENAI_HEAD = "{\"id\":\"chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1739010890,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
            + "\"system_fingerprint\":\"fp_72ed7ab54c\",";

    private static String openAi(String delta, String finish) {
        return OPENAI_HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + finish + "}],\"usage\":null}";
    }

    private static final String OPENAI_USAGE = OPENAI_HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":2006,"
            + "\"completion_tokens\":12,\"total_tokens\":2018,\"prompt_tokens_details\":{\"cached_tokens\":1920,"
            + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}";

    @Test
    void anOpenAiTextStream() {
        ResponsesStream s = new ResponsesStream(Set.of());
        List<Event> ev = new ArrayList<>(events(s.onData(openAi("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}",
                "null"))));
        assertEquals(List.of("response.created", "response.in_progress"), types(ev), "a role-only chunk starts the response");
        assertEquals(json("{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{"
                + "\"id\":\"resp_chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2\",\"object\":\"response\",\"created_at\":1739010890,"
                + "\"status\":\"in_progress\",\"model\":\"gpt-4o-mini-2024-07-18\",\"output\":[],\"usage\":null,"
                + "\"incomplete_details\":null,\"error\":null}}"), ev.get(0).data());

        ev.addAll(replay(s,
                openAi("{\"content\":\"Hel\"}", "null"),
                openAi("{\"content\":\"lo, \"}", "null"),
                openAi("{\"content\":\"wörld 👋\"}", "null"),
                openAi("{}", "\"stop\""),
                OPENAI_USAGE,
                "[DONE]"));
        checked(ev);

        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types(ev));
        String id = ev.get(2).item().path("id").asString();
        assertTrue(id.matches("msg_[A-Za-z0-9]{24}"), id);
        assertEquals(json("{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,"
                + "\"item\":{\"type\":\"message\",\"id\":\"" + id + "\",\"status\":\"in_progress\",\"role\":\"assistant\","
                + "\"content\":[]}}"), ev.get(2).data());
        assertEquals(json("{\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\"" + id + "\","
                + "\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}"),
                ev.get(3).data());
        assertEquals(json("{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"" + id + "\","
                + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}"), ev.get(4).data());
        assertEquals("Hello, wörld 👋", joined(ev, "response.output_text.delta", 0));
        assertEquals(json("{\"type\":\"response.content_part.done\",\"sequence_number\":8,\"item_id\":\"" + id + "\","
                + "\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"Hello, wörld 👋\","
                + "\"annotations\":[]}}"), ev.get(8).data());
        assertEquals(json("{\"type\":\"response.completed\",\"sequence_number\":10,\"response\":{"
                + "\"id\":\"resp_chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2\",\"object\":\"response\",\"created_at\":1739010890,"
                + "\"status\":\"completed\",\"model\":\"gpt-4o-mini-2024-07-18\",\"output\":[{\"type\":\"message\","
                + "\"id\":\"" + id + "\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Hello, wörld 👋\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":2006,"
                + "\"input_tokens_details\":{\"cached_tokens\":1920},\"output_tokens\":12,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":2018},"
                + "\"incomplete_details\":null,\"error\":null}}"), last(ev).data());
        assertTrue(s.finish().isEmpty());
        assertTrue(s.onData(openAi("{\"content\":\"late\"}", "null")).isEmpty());
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
    void aDeepSeekReasoningStreamGivesAReasoningItemThenAMessage() {
        List<Event> ev = replay(
                deepSeek("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}", "null", null),
                deepSeek("{\"content\":null,\"reasoning_content\":\"Okay, the user\"}", "null", null),
                deepSeek("{\"content\":null,\"reasoning_content\":\" says hi.\"}", "null", null),
                deepSeek("{\"content\":\"Hi\",\"reasoning_content\":null}", "null", null),
                deepSeek("{\"content\":\"! How can I help?\",\"reasoning_content\":null}", "null", null),
                deepSeek("{\"content\":\"\",\"reasoning_content\":null}", "\"stop\"", "{\"prompt_tokens\":1200,"
                        + "\"completion_tokens\":55,\"total_tokens\":1255,\"completion_tokens_details\":{\"reasoning_tokens\":40},"
                        + "\"prompt_cache_hit_tokens\":1024,\"prompt_cache_miss_tokens\":176}"),
                "[DONE]");

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types(ev));
        String rs = ev.get(2).item().path("id").asString();
        assertTrue(rs.matches("rs_[A-Za-z0-9]{24}"), rs);
        assertEquals(json("{\"type\":\"reasoning\",\"id\":\"" + rs + "\",\"summary\":[],\"content\":[]}"), ev.get(2).item());
        assertEquals(json("{\"type\":\"response.reasoning_summary_part.added\",\"sequence_number\":3,\"item_id\":\"" + rs
                + "\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}}"), ev.get(3).data());
        assertEquals(json("{\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":4,\"item_id\":\"" + rs
                + "\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Okay, the user\"}"), ev.get(4).data());
        assertEquals(json("{\"type\":\"response.reasoning_summary_part.done\",\"sequence_number\":7,\"item_id\":\"" + rs
                + "\",\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":\"summary_text\","
                + "\"text\":\"Okay, the user says hi.\"}}"), ev.get(7).data());
        assertEquals(json("{\"type\":\"reasoning\",\"id\":\"" + rs + "\",\"summary\":[{\"type\":\"summary_text\","
                + "\"text\":\"Okay, the user says hi.\"}],\"content\":[{\"type\":\"reasoning_text\","
                + "\"text\":\"Okay, the user says hi.\"}]}"), ev.get(8).item());
        assertEquals(1, ev.get(9).outputIndex());
        assertEquals("Hi! How can I help?", joined(ev, "response.output_text.delta", 1));

        JsonNode response = last(ev).response();
        assertEquals("completed", response.path("status").asString());
        assertEquals("deepseek-reasoner", response.path("model").asString());
        assertEquals(List.of("reasoning", "message"),
                response.path("output").valueStream().map(i -> i.path("type").asString()).toList());
        assertEquals(json("{\"input_tokens\":1200,\"input_tokens_details\":{\"cached_tokens\":1024},\"output_tokens\":55,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":40},\"total_tokens\":1255}"), response.path("usage"));
    }

    // ---- tool calls ----

    private static String call(String toolCalls, String finish) {
        return openAi("{\"tool_calls\":" + toolCalls + "}", finish);
    }

    @Test
    void aTextAnswerThenAToolCallSplitOverFourChunks() {
        List<Event> ev = replay(
                openAi("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"),
                openAi("{\"content\":\"Let me check.\"}", "null"),
                openAi("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"\"}}],\"refusal\":null}",
                        "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"command\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"\\\":[\\\"cat\\\",\"}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"\\\"README.md\\\"]}\"}}]", "null"),
                openAi("{}", "\"tool_calls\""),
                OPENAI_USAGE,
                "[DONE]");

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), types(ev));
        String fc = ev.get(8).item().path("id").asString();
        assertTrue(fc.matches("fc_[A-Za-z0-9]{24}"), fc);
        assertEquals(json("{\"type\":\"response.output_item.added\",\"sequence_number\":8,\"output_index\":1,\"item\":{"
                + "\"type\":\"function_call\",\"id\":\"" + fc + "\",\"call_id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
                + "\"name\":\"shell\",\"arguments\":\"\",\"status\":\"in_progress\"}}"), ev.get(8).data());
        assertEquals(json("{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":9,\"item_id\":\"" + fc
                + "\",\"output_index\":1,\"delta\":\"{\\\"\"}"), ev.get(9).data());
        String args = "{\"command\":[\"cat\",\"README.md\"]}";
        assertEquals(args, joined(ev, "response.function_call_arguments.delta", 1));
        assertEquals(json("{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":13,\"item_id\":\"" + fc
                + "\",\"output_index\":1,\"arguments\":" + Json.COMPACT.writeValueAsString(args) + "}"), ev.get(13).data());
        JsonNode item = json("{\"type\":\"function_call\",\"id\":\"" + fc + "\",\"call_id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
                + "\"name\":\"shell\",\"arguments\":" + Json.COMPACT.writeValueAsString(args) + ",\"status\":\"completed\"}");
        assertEquals(item, ev.get(14).item());
        JsonNode response = last(ev).response();
        assertEquals("completed", response.path("status").asString(), "tool_calls is a completed response");
        assertEquals(item, response.path("output").path(1));
        assertEquals("Let me check.", response.path("output").path(0).path("content").path(0).path("text").asString());
        assertEquals(2018, response.path("usage").path("total_tokens").asInt());
    }

    @Test
    void twoParallelToolCallsBecomeTwoItemsInTurn() {
        List<Event> ev = replay(
                openAi("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_A\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"shell\",\"arguments\":\"\"}}],\"refusal\":null}", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"{\\\"command\\\":[\\\"ls\\\"]}\"}}]", "null"),
                call("[{\"index\":1,\"id\":\"call_B\",\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":\"\"}}]",
                        "null"),
                call("[{\"index\":1,\"function\":{\"arguments\":\"{\\\"command\\\":[\\\"pwd\\\"]}\"}}]", "null"),
                openAi("{}", "\"tool_calls\""),
                "[DONE]");

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types(ev));
        JsonNode output = last(ev).response().path("output");
        assertEquals(2, output.size());
        assertEquals("call_A", output.path(0).path("call_id").asString());
        assertEquals("{\"command\":[\"ls\"]}", output.path(0).path("arguments").asString());
        assertEquals("call_B", output.path(1).path("call_id").asString());
        assertEquals("{\"command\":[\"pwd\"]}", output.path(1).path("arguments").asString());
        assertEquals(0, ev.get(5).outputIndex());
        assertEquals(1, ev.get(6).outputIndex());
    }

    @Test
    void aCustomToolCallIsWrittenWholeWhenItEndsWithItsInputTakenOut() {
        String patch = "*** Begin Patch\n*** Update File: a.py\n@@\n-print(\"hi\")\n+print(\"hello\")\n*** End Patch";
        String args = Json.COMPACT.writeValueAsString(Map.of("input", patch));
        String first = args.substring(0, 12);
        String second = args.substring(12, 40);
        String third = args.substring(40);
        List<Event> ev = checked(replay(new ResponsesStream(Set.of("apply_patch")),
                openAi("{\"role\":\"assistant\",\"content\":\"Patching.\"}", "null"),
                call("[{\"index\":0,\"id\":\"call_patch\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\","
                        + "\"arguments\":" + Json.COMPACT.writeValueAsString(first) + "}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":" + Json.COMPACT.writeValueAsString(second) + "}}]", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":" + Json.COMPACT.writeValueAsString(third) + "}}]", "null"),
                call("[{\"index\":1,\"id\":\"call_sh\",\"type\":\"function\",\"function\":{\"name\":\"shell\","
                        + "\"arguments\":\"{\\\"command\\\":[\\\"pytest\\\"]}\"}}]", "\"tool_calls\""),
                "[DONE]"));

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types(ev));
        String ctc = ev.get(8).item().path("id").asString();
        assertTrue(ctc.matches("ctc_[A-Za-z0-9]{24}"), ctc);
        JsonNode item = json("{\"type\":\"custom_tool_call\",\"id\":\"" + ctc + "\",\"call_id\":\"call_patch\","
                + "\"name\":\"apply_patch\",\"input\":" + Json.COMPACT.writeValueAsString(patch) + ",\"status\":\"completed\"}");
        assertEquals(1, ev.get(8).outputIndex());
        assertEquals(item.path("input"), ev.get(8).item().path("input"), "added with the whole input");
        assertEquals(item, ev.get(9).item());
        assertEquals(1, ev.get(9).outputIndex());
        assertEquals(item, last(ev).response().path("output").path(1));
        assertEquals("function_call", last(ev).response().path("output").path(2).path("type").asString());
        assertEquals(2, ev.get(10).outputIndex());
    }

    @Test
    void aToolCallWithoutArgumentsGetsEmptyObjectArgumentsAndALateFragmentIsDropped() {
        List<Event> ev = replay(
                call("[{\"index\":0,\"function\":{\"name\":\"list_mcp_resources\"}}]", "null"),
                openAi("{\"content\":\"Done.\"}", "null"),
                call("[{\"index\":0,\"function\":{\"arguments\":\"{\\\"late\\\":1}\"}}]", "\"stop\""),
                "[DONE]");

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), types(ev));
        JsonNode fc = last(ev).response().path("output").path(0);
        assertEquals("{}", fc.path("arguments").asString());
        assertEquals("{}", ev.get(3).data().path("delta").asString());
        assertTrue(fc.path("call_id").asString().matches("call_[A-Za-z0-9]{24}"), fc.toString());
        assertEquals(2, last(ev).response().path("output").size(), "the late fragment opened nothing");
    }

    // ---- the end ----

    @Test
    void aLengthFinishIsAnIncompleteResponse() {
        List<Event> ev = replay(
                openAi("{\"role\":\"assistant\",\"content\":\"The first\"}", "null"),
                openAi("{\"content\":\" part\"}", "\"length\""),
                "[DONE]");
        assertEquals("response.incomplete", last(ev).type());
        assertEquals("incomplete", last(ev).response().path("status").asString());
        assertEquals(json("{\"reason\":\"max_output_tokens\"}"), last(ev).response().path("incomplete_details"));
        assertEquals("The first part", last(ev).response().path("output").path(0).path("content").path(0).path("text")
                .asString());

        List<Event> filtered = replay(openAi("{\"content\":\"x\"}", "\"content_filter\""), "[DONE]");
        assertEquals("response.incomplete", last(filtered).type());
        assertEquals(json("{\"reason\":\"content_filter\"}"), last(filtered).response().path("incomplete_details"));
    }

    @Test
    void anErrorChunkMidStreamEndsWithResponseFailed() {
        ResponsesStream s = new ResponsesStream(Set.of());
        List<Event> ev = new ArrayList<>();
        ev.addAll(events(s.onData(deepSeek("{\"content\":null,\"reasoning_content\":\"Hmm.\"}", "null", null))));
        ev.addAll(events(s.onData(deepSeek("{\"content\":\"Par\"}", "null", null))));
        assertFalse(s.failed());
        List<Event> tail = events(s.onData("{\"error\":{\"message\":\"Rate limit reached for requests\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        ev.addAll(tail);
        checked(ev);

        assertEquals(List.of("response.failed"), types(tail), "the open item is not closed");
        JsonNode response = last(ev).response();
        assertEquals("failed", response.path("status").asString());
        assertEquals(json("{\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached for requests\"}"),
                response.path("error"));
        assertEquals(List.of("reasoning"), response.path("output").valueStream().map(i -> i.path("type").asString()).toList(),
                "the items done before, not the open one");
        assertTrue(s.failed());
        assertTrue(s.finish().isEmpty());
        assertTrue(s.fail("again").isEmpty());
        assertTrue(s.onData(deepSeek("{\"content\":\"late\"}", "null", null)).isEmpty());
    }

    @Test
    void theErrorCodeIsTheUpstreamsCodeOrTypeOrServerError() {
        String[][] cases = {
            {"{\"error\":{\"message\":\"Too many\",\"code\":429}}", "429", "Too many"},
            {"{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}", "overloaded_error", "Overloaded"},
            {"{\"error\":{\"message\":\"boom\",\"code\":null,\"type\":null}}", "server_error", "boom"},
            {"{\"error\":\"model crashed\"}", "server_error", "model crashed"},
            {"{\"error\":{\"code\":\"context_length_exceeded\"}}", "context_length_exceeded", "context_length_exceeded"},
        };
        for (String[] c : cases) {
            ResponsesStream s = new ResponsesStream(Set.of());
            List<Event> ev = checked(events(s.onData(c[0])));
            assertEquals(List.of("response.created", "response.in_progress", "response.failed"), types(ev), c[0]);
            assertEquals(json("{\"code\":\"" + c[1] + "\",\"message\":\"" + c[2] + "\"}"), last(ev).response().path("error"),
                    c[0]);
            assertTrue(s.failed(), c[0]);
        }
    }

    @Test
    void finishWithoutDoneCompletesOnceAndLaterDataIsIgnored() {
        ResponsesStream s = new ResponsesStream(Set.of());
        List<Event> ev = new ArrayList<>(events(s.onData(openAi("{\"content\":\"Hi\"}", "null"))));
        ev.addAll(events(s.finish()));
        checked(ev);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed"), types(ev));
        assertEquals("completed", last(ev).response().path("status").asString());
        assertEquals(json("{\"input_tokens\":0,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":0,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":0}"), last(ev).response().path("usage"),
                "no usage chunk: zeros");
        assertTrue(s.finish().isEmpty(), "finish() twice");
        assertTrue(s.onData("[DONE]").isEmpty());
        assertTrue(s.onData(openAi("{\"content\":\"late\"}", "null")).isEmpty());
        assertTrue(s.fail("late").isEmpty());
        assertFalse(s.failed());
    }

    @Test
    void noChunksAtAllStillMakeAValidEmptyResponse() {
        List<Event> ev = checked(events(new ResponsesStream(Set.of()).finish()));
        assertEquals(List.of("response.created", "response.in_progress", "response.completed"), types(ev));
        assertEquals(json("[]"), last(ev).response().path("output"));
        assertEquals("completed", last(ev).response().path("status").asString());
        assertEquals("unknown", last(ev).response().path("model").asString());
        assertTrue(last(ev).response().path("id").asString().matches("resp_[A-Za-z0-9]{24}"));

        List<Event> done = replay("[DONE]");
        assertEquals(List.of("response.created", "response.in_progress", "response.completed"), types(done));
    }

    @Test
    void failMidItemEndsWithResponseFailedAndServerError() {
        ResponsesStream s = new ResponsesStream(Set.of());
        List<Event> ev = new ArrayList<>();
        ev.addAll(events(s.onData(openAi("{\"content\":\"Done here.\"}", "null"))));
        ev.addAll(events(s.onData(call("[{\"index\":0,\"id\":\"call_X\",\"type\":\"function\",\"function\":{\"name\":\"shell\","
                + "\"arguments\":\"{\\\"comm\"}}]", "null"))));
        List<Event> tail = events(s.fail("the upstream's connection was reset"));
        ev.addAll(tail);
        checked(ev);

        assertEquals(List.of("response.failed"), types(tail));
        JsonNode response = last(ev).response();
        assertEquals("failed", response.path("status").asString());
        assertEquals(json("{\"code\":\"server_error\",\"message\":\"the upstream's connection was reset\"}"),
                response.path("error"));
        assertEquals(List.of("message"), response.path("output").valueStream().map(i -> i.path("type").asString()).toList());
        assertFalse(s.failed(), "failed() is for an upstream error chunk");
        assertTrue(s.finish().isEmpty());
        assertTrue(s.fail("again").isEmpty());

        List<Event> before = checked(events(new ResponsesStream(Set.of()).fail(" ")));
        assertEquals(List.of("response.created", "response.in_progress", "response.failed"), types(before));
        assertEquals("server_error", last(before).response().path("error").path("code").asString());
        assertFalse(last(before).response().path("error").path("message").asString().isBlank());
    }

    @Test
    void unparsableDataIsIgnoredAndCountedAndNeverThrows() {
        ResponsesStream s = new ResponsesStream(Set.of());
        List<Event> ev = new ArrayList<>();
        for (String d : new String[] {"", "not json", "{\"choices\":", "[1,2]", "42", null, ": keep-alive"}) {
            assertTrue(s.onData(d).isEmpty(), String.valueOf(d));
        }
        ev.addAll(events(s.onData(openAi("{\"content\":\"ok\"}", "null"))));
        for (String d : new String[] {"{\"choices\":\"x\"}", "{\"choices\":[{\"delta\":{\"tool_calls\":\"x\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":{\"weird\":true}}}]}"}) {
            ev.addAll(events(s.onData(d)));
        }
        ev.addAll(events(s.onData("[DONE]")));
        checked(ev);
        assertEquals(6, s.ignoredEvents(), "null data is not counted");
        assertEquals("ok", last(ev).response().path("output").path(0).path("content").path(0).path("text").asString());
    }

    // ---- a whole answer for a client that asked for a stream ----

    @Test
    void aWholeAnswerBecomesAWholeStream() {
        String body = "{\"id\":\"chatcmpl-whole1\",\"object\":\"chat.completion\",\"created\":1741570283,"
                + "\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"reasoning_content\":\"Look first.\",\"content\":\"Checking.\",\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"shell\","
                + "\"arguments\":\"{\\\"command\\\":[\\\"ls\\\"]}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"apply_patch\","
                + "\"arguments\":\"{\\\"input\\\":\\\"*** Begin Patch\\\\n*** End Patch\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                + "\"prompt_cache_hit_tokens\":64}}";
        ResponsesStream s = new ResponsesStream(Set.of("apply_patch"));
        List<Event> ev = checked(events(s.whole(body.getBytes(StandardCharsets.UTF_8))));

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.output_item.done", "response.completed"), types(ev));
        JsonNode response = last(ev).response();
        assertEquals("resp_chatcmpl-whole1", response.path("id").asString());
        assertEquals(List.of("reasoning", "message", "function_call", "custom_tool_call"),
                response.path("output").valueStream().map(i -> i.path("type").asString()).toList());
        assertEquals("call_1", response.path("output").path(2).path("call_id").asString());
        assertEquals("*** Begin Patch\n*** End Patch", response.path("output").path(3).path("input").asString());
        assertEquals(json("{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":64},\"output_tokens\":20,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":120}"), response.path("usage"));
        assertTrue(s.finish().isEmpty(), "the stream has ended");

        Rejection r = assertThrows(Rejection.class,
                () -> new ResponsesStream(Set.of()).whole("{\"object\":\"list\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(502, r.status());
        assertTrue(r.getMessage().contains("not a Chat Completions response"), r.getMessage());
    }
}
