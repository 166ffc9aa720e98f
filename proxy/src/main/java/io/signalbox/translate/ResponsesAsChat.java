package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses API answer read as a Chat Completions one, so that the Chat Completions
 * translations ({@link ChatStream}, {@link ChatResponse}) give it to Claude Code in Anthropic's shape.
 * A stream is translated event by event as it arrives: text deltas become {@code content} deltas,
 * reasoning summary (and reasoning text) deltas {@code reasoning_content}, a function call item and its
 * argument deltas a {@code tool_calls} entry, {@code response.completed} / {@code response.incomplete}
 * the finish reason and the usage, and {@code response.failed} or an {@code error} event an error.
 * Every other event (in_progress, content parts, done events) carries nothing new and is skipped.
 *
 * <p>Owned by one response's thread; not thread-safe. {@link #onData} never throws.
 */
public final class ResponsesAsChat implements StreamTranslation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChatStream chat;
    /** A function call's output_index → its Chat tool call index (0, 1, …). */
    private final Map<Integer, Integer> calls = new HashMap<>();
    private String id = "";
    private String model = "";

    public ResponsesAsChat(ChatStream chat) {
        this.chat = chat;
    }

    @Override
    public List<byte[]> onData(String data) {
        JsonNode e;
        try {
            e = data == null || data.isBlank() ? null : Json.MAPPER.readTree(data);
        } catch (JacksonException ex) {
            e = null;
        }
        if (e == null || !e.isObject()) {
            return chat.onData(data); // not an event: counted as ignored ([DONE] ends the answer)
        }
        try {
            List<byte[]> out = new ArrayList<>(4);
            for (ObjectNode chunk : chunks(e)) {
                out.addAll(chat.onData(Json.COMPACT.writeValueAsString(chunk)));
            }
            if (isEnd(e)) {
                out.addAll(chat.finish());
            }
            return out;
        } catch (RuntimeException ex) {
            return List.of(); // an event of an unexpected shape is skipped: never break the stream here
        }
    }

    private static boolean isEnd(JsonNode e) {
        String type = e.path("type").asString("");
        return type.equals("response.completed") || type.equals("response.incomplete");
    }

    /** The Chat Completions chunks that say what the Responses event {@code e} says. */
    private List<ObjectNode> chunks(JsonNode e) {
        String type = e.path("type").asString("");
        switch (type) {
            case "response.created", "response.in_progress" -> {
                JsonNode r = e.path("response");
                id = r.path("id").asString(id);
                model = r.path("model").asString(model);
                ObjectNode c = chunk();
                c.putArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant");
                return List.of(c);
            }
            case "response.output_text.delta", "response.refusal.delta" -> {
                return List.of(delta(NODES.objectNode().put("content", e.path("delta").asString(""))));
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                return List.of(delta(NODES.objectNode().put("reasoning_content", e.path("delta").asString(""))));
            }
            case "response.output_item.added" -> {
                JsonNode item = e.path("item");
                if (!"function_call".equals(item.path("type").asString(""))) {
                    return List.of();
                }
                ObjectNode call = toolCall(e.path("output_index").asInt(-1));
                call.put("id", item.path("call_id").asString("")).put("type", "function");
                call.putObject("function").put("name", item.path("name").asString(""))
                        .put("arguments", item.path("arguments").asString(""));
                return List.of(delta(toolCalls(call)));
            }
            case "response.function_call_arguments.delta" -> {
                ObjectNode call = toolCall(e.path("output_index").asInt(-1));
                call.putObject("function").put("arguments", e.path("delta").asString(""));
                return List.of(delta(toolCalls(call)));
            }
            case "response.completed", "response.incomplete" -> {
                JsonNode r = e.path("response");
                ObjectNode finish = chunk();
                finish.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason(r, !calls.isEmpty()))
                        .putObject("delta");
                ObjectNode usage = chunk();
                usage.putArray("choices");
                usage.set("usage", usage(r.path("usage")));
                return List.of(finish, usage);
            }
            case "response.failed", "error" -> {
                JsonNode err = type.equals("error") ? e : e.path("response").path("error");
                ObjectNode c = chunk();
                c.putObject("error").put("message", err.path("message").asString("the provider's response failed"))
                        .put("type", err.path("code").asString(err.path("type").asString("api_error")));
                return List.of(c);
            }
            default -> {
                return List.of();
            }
        }
    }

    private ObjectNode chunk() {
        ObjectNode c = NODES.objectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("model", model);
        return c;
    }

    private ObjectNode delta(ObjectNode delta) {
        ObjectNode c = chunk();
        c.putArray("choices").addObject().put("index", 0).set("delta", delta);
        return c;
    }

    private ObjectNode toolCall(int outputIndex) {
        Integer index = calls.computeIfAbsent(outputIndex, k -> calls.size());
        return NODES.objectNode().put("index", index);
    }

    private static ObjectNode toolCalls(ObjectNode call) {
        ObjectNode d = NODES.objectNode();
        d.putArray("tool_calls").add(call);
        return d;
    }

    /** Chat's finish reason for a finished response: tool calls, the output limit, a filter, or a stop. */
    private static String finishReason(JsonNode response, boolean called) {
        String reason = response.path("incomplete_details").path("reason").asString("");
        if (reason.equals("max_output_tokens")) {
            return "length";
        }
        if (reason.equals("content_filter")) {
            return "content_filter";
        }
        return called ? "tool_calls" : "stop";
    }

    /** The Responses usage as Chat's: prompt (cached included) and completion tokens. */
    private static ObjectNode usage(JsonNode u) {
        ObjectNode out = NODES.objectNode();
        out.put("prompt_tokens", u.path("input_tokens").asLong(0));
        out.put("completion_tokens", u.path("output_tokens").asLong(0));
        out.put("total_tokens", u.path("total_tokens").asLong(0));
        if (u.path("input_tokens_details").path("cached_tokens").canConvertToLong()) {
            out.putObject("prompt_tokens_details").put("cached_tokens", u.path("input_tokens_details").path("cached_tokens").asLong());
        }
        if (u.path("output_tokens_details").path("reasoning_tokens").canConvertToLong()) {
            out.putObject("completion_tokens_details").put("reasoning_tokens",
                    u.path("output_tokens_details").path("reasoning_tokens").asLong());
        }
        return out;
    }

    @Override
    public List<byte[]> finish() {
        return chat.finish();
    }

    @Override
    public List<byte[]> fail(String message) {
        return chat.fail(message);
    }

    @Override
    public boolean failed() {
        return chat.failed();
    }

    /**
     * A whole Responses API answer (a {@code response} object) as a Chat Completions answer: its text,
     * reasoning summaries, function calls, finish reason and usage. A body that is not a response object
     * is the {@link Rejection} (502) that says so.
     */
    public static byte[] completion(byte[] responsesJson) {
        JsonNode r;
        try {
            r = Json.MAPPER.readTree(responsesJson);
        } catch (JacksonException e) {
            r = null;
        }
        if (r == null || !r.isObject() || !r.path("output").isArray()) {
            throw Rejection.api(502, "the upstream's answer was not a Responses API response (" + (r == null
                    ? "not JSON" : "JSON without \"output\"") + "); check the profile's API format and base URL");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = NODES.arrayNode();
        for (JsonNode item : r.path("output")) {
            switch (item.path("type").asString("")) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        String t = part.path("type").asString("");
                        if (t.equals("output_text") || t.equals("refusal")) {
                            text.append(part.path(t.equals("refusal") ? "refusal" : "text").asString(""));
                        }
                    }
                }
                case "reasoning" -> {
                    for (JsonNode s : item.path("summary")) {
                        reasoning.append(s.path("text").asString(""));
                    }
                }
                case "function_call" -> {
                    ObjectNode call = calls.addObject().put("id", item.path("call_id").asString("")).put("type", "function");
                    call.putObject("function").put("name", item.path("name").asString(""))
                            .put("arguments", item.path("arguments").asString("{}"));
                }
                default -> {
                }
            }
        }
        ObjectNode out = NODES.objectNode();
        out.put("id", r.path("id").asString("")).put("object", "chat.completion").put("model", r.path("model").asString(""));
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", text.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(r, !calls.isEmpty()));
        out.set("usage", usage(r.path("usage")));
        return Json.COMPACT.writeValueAsBytes(out);
    }
}
