package io.signalbox.translate;

import io.signalbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's streamed Chat Completions answer (its {@code chat.completion.chunk} events) as the
 * OpenAI Responses API stream Codex reads, one upstream event at a time: {@code response.created}
 * and {@code response.in_progress} on the first chunk; output items ({@code response.output_item.added},
 * their deltas, their {@code .done} events, {@code response.output_item.done}); then
 * {@code response.completed} (or {@code response.incomplete} for a {@code length} or
 * {@code content_filter} finish) with the whole response — or {@code response.failed} when the
 * upstream reports an error or breaks off. Every event carries its {@code sequence_number}, counted
 * from 0 over the response.
 *
 * <p>Reasoning becomes a {@code reasoning} item (its text streamed as summary text), text a
 * {@code message} item, each tool call a {@code function_call} item — or, when its name is one of
 * the request's custom (freeform) tools, a {@code custom_tool_call} item, written whole when it ends
 * (its input is the {@code input} member of the arguments, known only then).
 *
 * <p>As in {@link ChatStream}, items come one after the other while Chat Completions deltas may
 * interleave: an item is closed when an item of another kind (or another tool call) opens, and a
 * fragment for a tool call whose item was already closed is dropped. Items are numbered
 * ({@code output_index}) 0, 1, 2… in the order they open.
 *
 * <p>Owned by one response's thread; not thread-safe. {@link #onData} never throws: an event that
 * is not JSON is skipped and counted.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/responses-streaming">Responses streaming</a>
 * @see <a href="https://platform.openai.com/docs/api-reference/chat-streaming">Chat Completions streaming</a>
 */
public final class ResponsesStream extends ChunkTranslation {
    private enum Kind { REASONING, TEXT, FUNCTION, CUSTOM }

    /** One tool call of the upstream, as the item it became. */
    private static final class Tool {
        final String callId;
        final String itemId;
        final boolean custom;
        /** A Chat Completions custom tool call: its input is its raw text. */
        final boolean nativeCustom;
        String name;
        final StringBuilder arguments = new StringBuilder();
        boolean closed;

        Tool(String callId, String itemId, String name, boolean custom, boolean nativeCustom) {
            this.callId = callId;
            this.itemId = itemId;
            this.name = name;
            this.custom = custom;
            this.nativeCustom = nativeCustom;
        }
    }

    private final Set<String> customTools;
    private boolean started;
    private boolean failed;
    private int sequence;
    private String responseId;
    private long createdAt;
    private String model = "unknown";
    /** The items done so far, in order: the response's output. */
    private final ArrayNode output = ChatResponse.NODES.arrayNode();
    /** The open item's output_index, kind and id (-1/null when none is open), and the text it has got. */
    private int open = -1;
    private Kind openKind;
    private String openId;
    private final StringBuilder openText = new StringBuilder();
    private Tool openTool;
    private int nextIndex;
    /** The upstream's tool call index → its item; calls without an index get keys below zero. */
    private final Map<Integer, Tool> tools = new HashMap<>();
    private JsonNode finishReason = MissingNode.getInstance();
    private JsonNode usage = MissingNode.getInstance();

    /** {@code customTools}: the names of the request's custom (freeform) tools. */
    public ResponsesStream(Set<String> customTools) {
        this.customTools = customTools == null ? Set.of() : Set.copyOf(customTools);
    }

    /**
     * The upstream stream ended (after [DONE], or at end of input without it): the events that
     * complete the response, the open item closed first; none when already ended. Idempotent.
     * Without any chunk before, still a valid (empty) response.
     */
    @Override
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(6);
        if (ended) {
            return out;
        }
        start(MissingNode.getInstance(), out);
        closeItem(out);
        String reason = ResponsesAnswer.incompleteReason(finishReason);
        ObjectNode response = ResponsesAnswer.response(responseId, createdAt,
                reason == null ? ResponsesAnswer.COMPLETED : ResponsesAnswer.INCOMPLETE, model, output,
                ResponsesAnswer.usage(usage), reason, null);
        emit(reason == null ? "response.completed" : "response.incomplete",
                ChatResponse.NODES.objectNode().set("response", response), out);
        ended = true;
        return out;
    }

    /**
     * The upstream broke off: a {@code response.failed} event (code "server_error", this message);
     * none if already ended. An item still open is left out of the response's output.
     */
    @Override
    public List<byte[]> fail(String message) {
        List<byte[]> out = new ArrayList<>(3);
        if (ended) {
            return out;
        }
        start(MissingNode.getInstance(), out);
        failed("server_error", message == null || message.isBlank() ? "the upstream's stream broke off" : message, out);
        return out;
    }

    /** True once an upstream error chunk ended the response. */
    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    void chunk(JsonNode chunk, List<byte[]> out) {
        JsonNode err = chunk.path("error");
        if ((err.isObject() && !err.isEmpty()) || (err.isString() && !err.stringValue().isBlank())) {
            start(chunk, out);
            String message = ChatResponse.upstreamMessage(chunk);
            failed = true;
            failed(errorCode(err), message == null ? "the upstream reported an error" : message, out);
            return;
        }
        start(chunk, out);
        if (chunk.path("usage").isObject()) {
            usage = chunk.path("usage");
        }
        if ("unknown".equals(model)) {
            model = ChatResponse.model(chunk.path("model"));
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = ChatResponse.reasoning(delta);
        if (!reasoning.isEmpty()) {
            if (openKind != Kind.REASONING) {
                openReasoning(out);
            }
            openText.append(reasoning);
            ObjectNode e = itemRef().put("summary_index", 0).put("delta", reasoning);
            emit("response.reasoning_summary_text.delta", e, out);
        }
        String text = ChatResponse.text(delta.path("content"));
        if (text.isEmpty()) {
            text = ChatResponse.text(delta.path("refusal"));
        }
        if (!text.isEmpty()) {
            if (openKind != Kind.TEXT) {
                openMessage(out);
            }
            openText.append(text);
            emit("response.output_text.delta", itemRef().put("content_index", 0).put("delta", text), out);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            if (call.isObject()) {
                toolCall(call, out);
            }
        }
        JsonNode finish = choice.path("finish_reason");
        if (finish.isString() && !finish.stringValue().isEmpty()) {
            finishReason = finish;
        }
    }

    /** response.created and response.in_progress, once, with the id, time and model of the first chunk. */
    private void start(JsonNode chunk, List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        responseId = ResponsesAnswer.responseId(chunk.path("id"));
        createdAt = ResponsesAnswer.createdAt(chunk.path("created"));
        model = ChatResponse.model(chunk.path("model"));
        for (String type : new String[] {"response.created", "response.in_progress"}) {
            ObjectNode response = ResponsesAnswer.response(responseId, createdAt, ResponsesAnswer.IN_PROGRESS, model,
                    ChatResponse.NODES.arrayNode(), null, null, null);
            emit(type, ChatResponse.NODES.objectNode().set("response", response), out);
        }
    }

    private void openReasoning(List<byte[]> out) {
        openItem(Kind.REASONING, ResponsesAnswer.itemId("rs_"), out);
        added(ResponsesAnswer.reasoningItem(openId, null), out);
        ObjectNode e = itemRef().put("summary_index", 0);
        e.putObject("part").put("type", "summary_text").put("text", "");
        emit("response.reasoning_summary_part.added", e, out);
    }

    private void openMessage(List<byte[]> out) {
        openItem(Kind.TEXT, ResponsesAnswer.itemId("msg_"), out);
        added(ResponsesAnswer.messageItem(openId, ResponsesAnswer.IN_PROGRESS, null), out);
        ObjectNode e = itemRef().put("content_index", 0);
        e.set("part", ResponsesAnswer.outputText(""));
        emit("response.content_part.added", e, out);
    }

    private void toolCall(JsonNode call, List<byte[]> out) {
        Integer key = toolKey(call, tools, t -> t.callId, openTool);
        Tool tool = tools.get(key);
        boolean nativeCustom = ResponsesAnswer.nativeCustom(call);
        JsonNode fn = nativeCustom ? call.path("custom") : call.path("function");
        String name = ResponsesAnswer.name(fn);
        if (tool == null) {
            boolean custom = nativeCustom || customTools.contains(name);
            tool = new Tool(ResponsesAnswer.callId(call.path("id")), ResponsesAnswer.itemId(custom ? "ctc_" : "fc_"),
                    name, custom, nativeCustom);
            openItem(custom ? Kind.CUSTOM : Kind.FUNCTION, tool.itemId, out);
            openTool = tool;
            tools.put(key, tool);
            if (!custom) { // a custom tool call is written whole when it ends
                added(ResponsesAnswer.functionCallItem(tool.itemId, tool.callId, tool.name, "",
                        ResponsesAnswer.IN_PROGRESS), out);
            }
        }
        if (tool.closed) {
            return; // a late fragment of a call whose item was already closed
        }
        if (tool.name.isEmpty() && !name.isEmpty()) {
            tool.name = name; // a name that came after the first fragment still makes the done item
        }
        String fragment = nativeCustom ? fn.path("input").asString("")
                : ResponsesAnswer.argumentsText(fn.path("arguments"));
        if (!fragment.isEmpty()) {
            tool.arguments.append(fragment);
            if (!tool.custom) {
                emit("response.function_call_arguments.delta", itemRef().put("delta", fragment), out);
            }
        }
    }

    /** Closes the open item and makes a new one the open one, numbered next. */
    private void openItem(Kind kind, String id, List<byte[]> out) {
        closeItem(out);
        open = nextIndex++;
        openKind = kind;
        openId = id;
        openText.setLength(0);
    }

    /** response.output_item.added for the open item, as it is so far. */
    private void added(ObjectNode item, List<byte[]> out) {
        ObjectNode e = ChatResponse.NODES.objectNode().put("output_index", open);
        e.set("item", item);
        emit("response.output_item.added", e, out);
    }

    /**
     * Closes the open item, if any: its .done events and {@code response.output_item.done} with the
     * whole item, which joins the output. A function call that got no arguments gets "{}" (a delta
     * too, so the deltas always add up to the arguments).
     */
    private void closeItem(List<byte[]> out) {
        if (open < 0) {
            return;
        }
        ObjectNode item;
        String text = openText.toString();
        switch (openKind) {
            case REASONING -> {
                emit("response.reasoning_summary_text.done", itemRef().put("summary_index", 0).put("text", text), out);
                ObjectNode part = itemRef().put("summary_index", 0);
                part.putObject("part").put("type", "summary_text").put("text", text);
                emit("response.reasoning_summary_part.done", part, out);
                item = ResponsesAnswer.reasoningItem(openId, text);
            }
            case TEXT -> {
                emit("response.output_text.done", itemRef().put("content_index", 0).put("text", text), out);
                ObjectNode part = itemRef().put("content_index", 0);
                part.set("part", ResponsesAnswer.outputText(text));
                emit("response.content_part.done", part, out);
                item = ResponsesAnswer.messageItem(openId, ResponsesAnswer.COMPLETED, text);
            }
            case FUNCTION -> {
                if (openTool.arguments.toString().isBlank()) {
                    openTool.arguments.append("{}");
                    emit("response.function_call_arguments.delta", itemRef().put("delta", "{}"), out);
                }
                String args = openTool.arguments.toString();
                emit("response.function_call_arguments.done", itemRef().put("arguments", args), out);
                item = ResponsesAnswer.functionCallItem(openId, openTool.callId, openTool.name, args,
                        ResponsesAnswer.COMPLETED);
            }
            default -> { // CUSTOM: written whole now
                String raw = openTool.arguments.toString();
                String input = openTool.nativeCustom ? raw : ResponsesAnswer.customInput(raw);
                added(ResponsesAnswer.customToolCallItem(openId, openTool.callId, openTool.name, input,
                        ResponsesAnswer.IN_PROGRESS), out);
                item = ResponsesAnswer.customToolCallItem(openId, openTool.callId, openTool.name, input,
                        ResponsesAnswer.COMPLETED);
            }
        }
        ObjectNode e = ChatResponse.NODES.objectNode().put("output_index", open);
        e.set("item", item);
        emit("response.output_item.done", e, out);
        output.add(item);
        if (openTool != null) {
            openTool.closed = true;
            openTool = null;
        }
        open = -1;
        openKind = null;
        openId = null;
        openText.setLength(0);
    }

    /** response.failed: the items done so far, the open one left out; the response has ended. */
    private void failed(String code, String message, List<byte[]> out) {
        ObjectNode error = ChatResponse.NODES.objectNode().put("code", code).put("message", message);
        ObjectNode response = ResponsesAnswer.response(responseId, createdAt, ResponsesAnswer.FAILED, model, output,
                usage.isObject() ? ResponsesAnswer.usage(usage) : null, null, error);
        emit("response.failed", ChatResponse.NODES.objectNode().set("response", response), out);
        ended = true;
    }

    /**
     * The code of an upstream's mid-stream error: its {@code code} (a number as its digits), else its
     * {@code type}, else "server_error". Codex reads the code as a string and knows some of OpenAI's
     * (context_length_exceeded, insufficient_quota…), which pass through.
     */
    static String errorCode(JsonNode err) {
        JsonNode code = err.path("code");
        if (code.isString() && !code.stringValue().isBlank()) {
            return code.stringValue();
        }
        if (code.isIntegralNumber()) {
            return code.asString();
        }
        JsonNode type = err.path("type");
        return type.isString() && !type.stringValue().isBlank() ? type.stringValue() : "server_error";
    }

    /** The open item's {@code item_id} and {@code output_index}, for an event about it. */
    private ObjectNode itemRef() {
        return ChatResponse.NODES.objectNode().put("item_id", openId).put("output_index", open);
    }

    /**
     * One complete SSE event: the type, {@code {"type":TYPE,"sequence_number":n,…fields}} on one line,
     * and the blank line that ends it.
     */
    private void emit(String type, ObjectNode fields, List<byte[]> out) {
        ObjectNode data = ChatResponse.NODES.objectNode().put("type", type).put("sequence_number", sequence++);
        data.setAll(fields);
        out.add(("event: " + type + "\ndata: " + Json.COMPACT.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
