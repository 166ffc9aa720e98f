package io.signalbox.translate;

import io.signalbox.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the translations of a Chat Completions stream share: each upstream event's data parsed as one
 * chunk (never throwing: data that is not a JSON object, or a chunk of an unexpected shape, is skipped
 * and counted), {@code [DONE]} as the end, nothing after the end, and a whole answer replayed as a
 * stream. Subclasses turn each chunk into their client's events.
 */
abstract class ChunkTranslation implements StreamTranslation {
    /** True once the answer has ended (completed or failed): later data is ignored. */
    boolean ended;
    private int ignored;
    private int unindexed;

    /** Appends the client's events for one upstream chunk (a JSON object) to {@code out}. */
    abstract void chunk(JsonNode chunk, List<byte[]> out);

    @Override
    public final List<byte[]> onData(String data) {
        List<byte[]> out = new ArrayList<>(4);
        if (ended || data == null) {
            return out;
        }
        String d = data.strip();
        if (d.equals("[DONE]")) {
            return finish();
        }
        JsonNode chunk;
        try {
            chunk = d.isEmpty() ? null : Json.MAPPER.readTree(d);
        } catch (JacksonException e) {
            chunk = null;
        }
        if (chunk == null || !chunk.isObject()) {
            ignored++;
            return out;
        }
        try {
            chunk(chunk, out);
        } catch (RuntimeException e) {
            // a chunk of an unexpected shape is skipped like one that is not JSON: never break the stream here
            ignored++;
        }
        return out;
    }

    /**
     * A whole (not streamed) Chat Completions answer as the events of a stream, ended: for a client that
     * asked for a stream from a provider that answered at once. The answer's message becomes one chunk's
     * delta (its tool calls numbered in order). A body that is not a Chat Completions answer is the
     * {@link io.signalbox.route.Rejection} (502) that says what it was.
     */
    public final List<byte[]> whole(byte[] chatJson) {
        ObjectNode chunk = (ObjectNode) ChatResponse.chatCompletion(chatJson);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice instanceof ObjectNode c && c.get("message") instanceof ObjectNode message) {
                int i = 0;
                for (JsonNode call : message.path("tool_calls")) {
                    if (call instanceof ObjectNode o && !o.has("index")) {
                        o.put("index", i);
                    }
                    i++;
                }
                c.remove("message");
                c.set("delta", message);
            }
        }
        List<byte[]> out = new ArrayList<>(onData(Json.COMPACT.writeValueAsString(chunk)));
        out.addAll(finish());
        return out;
    }

    /**
     * Which tool call a delta continues: its {@code index}; without one (some servers leave it out),
     * the call with its {@code id}, else a new call when it brings an unseen id, else the open one.
     * New calls without an index get keys below zero.
     */
    final <T> Integer toolKey(JsonNode call, Map<Integer, T> tools, Function<T, String> idOf, T openTool) {
        JsonNode index = call.path("index");
        if (index.isIntegralNumber() && index.canConvertToInt()) {
            return index.intValue();
        }
        JsonNode id = call.path("id");
        if (id.isString() && !id.stringValue().isBlank()) {
            for (Map.Entry<Integer, T> t : tools.entrySet()) {
                if (idOf.apply(t.getValue()).equals(id.stringValue())) {
                    return t.getKey();
                }
            }
            return -(++unindexed);
        }
        if (openTool != null) {
            for (Map.Entry<Integer, T> t : tools.entrySet()) {
                if (t.getValue() == openTool) {
                    return t.getKey();
                }
            }
        }
        return -(++unindexed);
    }

    /** Upstream events skipped because they were not chunks this translation could read. */
    public final int ignoredEvents() {
        return ignored;
    }
}
