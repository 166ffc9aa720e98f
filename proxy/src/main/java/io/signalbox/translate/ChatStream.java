package io.signalbox.translate;

import io.signalbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's streamed Chat Completions answer (its {@code chat.completion.chunk} events) as
 * Anthropic's Messages stream, one upstream event at a time: {@code message_start}, content blocks
 * ({@code content_block_start}, {@code content_block_delta}…, {@code content_block_stop}),
 * {@code message_delta} with the stop reason and usage, {@code message_stop} — or an
 * {@code error} event when the upstream reports an error or breaks off.
 *
 * <p>Anthropic's blocks come one after the other while Chat Completions deltas may interleave
 * reasoning, text and several tool calls; a block is closed when a block of another kind (or
 * another tool call) opens, and a fragment for a tool call whose block was already closed is
 * dropped. Blocks are numbered 0, 1, 2… in the order they open. Reasoning becomes a thinking block;
 * the upstream has no signature to give, so it gets the one the caller names (a {@code signature_delta}
 * before the block ends), by which the proxy knows later whose reasoning a replayed block is.
 *
 * <p>Owned by one response's thread; not thread-safe. {@link #onData} never throws: an event that
 * is not JSON is skipped and counted.
 *
 * @see <a href="https://docs.anthropic.com/en/docs/build-with-claude/streaming">Anthropic streaming</a>
 * @see <a href="https://platform.openai.com/docs/api-reference/chat-streaming">Chat Completions streaming</a>
 */
public final class ChatStream extends ChunkTranslation {
    private enum Kind { THINKING, TEXT, TOOL }

    /** One tool call of the upstream, as the Anthropic block it became. */
    private static final class Tool {
        final String id;
        final int block;
        boolean closed;
        boolean gotArguments;

        Tool(String id, int block) {
            this.id = id;
            this.block = block;
        }
    }

    private boolean started;
    private boolean failed;
    /** The open block's index and kind, -1/null when none is open. */
    private int open = -1;
    private Kind openKind;
    private Tool openTool;
    private int nextBlock;
    /** The upstream's tool call index → its block; calls without an index get keys below zero. */
    private final Map<Integer, Tool> tools = new HashMap<>();
    private JsonNode finishReason = MissingNode.getInstance();
    private JsonNode usage = MissingNode.getInstance();

    private final String signature;

    /** Thinking blocks without a signature. */
    public ChatStream() {
        this("");
    }

    /** Thinking blocks signed {@code signature} (none when empty). */
    public ChatStream(String signature) {
        this.signature = signature == null ? "" : signature;
    }

    /**
     * The upstream stream ended (after [DONE], or at end of input without it): the events that still
     * close the message; none when already closed. Idempotent. Without any chunk before, still a
     * valid (empty) message.
     */
    @Override
    public List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>(4);
        if (ended) {
            return out;
        }
        start(MissingNode.getInstance(), out);
        closeBlock(out);
        ObjectNode delta = ChatResponse.NODES.objectNode();
        delta.put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", ChatResponse.stopReason(finishReason, !tools.isEmpty()))
                .putNull("stop_sequence");
        delta.set("usage", ChatResponse.usage(usage));
        out.add(event("message_delta", delta));
        ObjectNode stop = ChatResponse.NODES.objectNode().put("type", "message_stop");
        out.add(event("message_stop", stop));
        ended = true;
        return out;
    }

    /**
     * Ends the message with an Anthropic {@code api_error} event because the upstream broke off
     * (message text given), after closing the open block; none if already ended.
     */
    @Override
    public List<byte[]> fail(String message) {
        List<byte[]> out = new ArrayList<>(3);
        if (ended) {
            return out;
        }
        error("api_error", message == null || message.isBlank() ? "the upstream's stream broke off" : message, out);
        return out;
    }

    /** True once an upstream error chunk was turned into an error event. */
    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    void chunk(JsonNode chunk, List<byte[]> out) {
        JsonNode err = chunk.path("error");
        if ((err.isObject() && !err.isEmpty()) || (err.isString() && !err.stringValue().isBlank())) {
            String message = ChatResponse.upstreamMessage(chunk);
            failed = true;
            error(streamErrorType(err), message == null ? "the upstream reported an error" : message, out);
            return;
        }
        start(chunk, out);
        if (chunk.path("usage").isObject()) {
            usage = chunk.path("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = ChatResponse.reasoning(delta);
        if (!reasoning.isEmpty()) {
            if (openKind != Kind.THINKING) {
                ObjectNode block = ChatResponse.NODES.objectNode()
                        .put("type", "thinking").put("thinking", "").put("signature", "");
                openBlock(Kind.THINKING, block, out);
            }
            delta(ChatResponse.NODES.objectNode().put("type", "thinking_delta").put("thinking", reasoning), out);
        }
        String text = ChatResponse.text(delta.path("content"));
        if (text.isEmpty()) {
            text = ChatResponse.text(delta.path("refusal"));
        }
        if (!text.isEmpty()) {
            if (openKind != Kind.TEXT) {
                openBlock(Kind.TEXT, ChatResponse.NODES.objectNode().put("type", "text").put("text", ""), out);
            }
            delta(ChatResponse.NODES.objectNode().put("type", "text_delta").put("text", text), out);
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

    /** message_start, once, with the id and model of the first chunk (and its usage, if it has one). */
    private void start(JsonNode chunk, List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode e = ChatResponse.NODES.objectNode();
        e.put("type", "message_start");
        ObjectNode m = e.putObject("message");
        m.put("id", ChatResponse.messageId(chunk.path("id")));
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", ChatResponse.model(chunk.path("model")));
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        if (chunk.path("usage").isObject()) {
            m.set("usage", ChatResponse.usage(chunk.path("usage")));
        } else {
            m.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        }
        out.add(event("message_start", e));
    }

    private void toolCall(JsonNode call, List<byte[]> out) {
        Integer key = toolKey(call, tools, t -> t.id, openTool);
        Tool tool = tools.get(key);
        JsonNode fn = call.path("function");
        if (tool == null) {
            tool = new Tool(ChatResponse.toolId(call.path("id")), nextBlock);
            ObjectNode block = ChatResponse.NODES.objectNode();
            block.put("type", "tool_use");
            block.put("id", tool.id);
            block.put("name", fn.path("name").isString() ? fn.path("name").stringValue() : "");
            block.putObject("input");
            openBlock(Kind.TOOL, block, out);
            openTool = tool;
            tools.put(key, tool);
        }
        if (tool.closed) {
            return; // a late fragment of a call whose block was already closed
        }
        JsonNode args = fn.path("arguments");
        String fragment = args.isString() ? args.stringValue()
                : args.isObject() ? Json.COMPACT.writeValueAsString(args) : ""; // some send the arguments whole
        if (!fragment.isEmpty()) {
            tool.gotArguments = true;
            delta(ChatResponse.NODES.objectNode().put("type", "input_json_delta").put("partial_json", fragment), out);
        }
    }

    private void openBlock(Kind kind, ObjectNode block, List<byte[]> out) {
        closeBlock(out);
        open = nextBlock++;
        openKind = kind;
        ObjectNode e = ChatResponse.NODES.objectNode();
        e.put("type", "content_block_start");
        e.put("index", open);
        e.set("content_block", block);
        out.add(event("content_block_start", e));
    }

    private void delta(ObjectNode delta, List<byte[]> out) {
        ObjectNode e = ChatResponse.NODES.objectNode();
        e.put("type", "content_block_delta");
        e.put("index", open);
        e.set("delta", delta);
        out.add(event("content_block_delta", e));
    }

    /**
     * Closes the open block, if any. A tool block that got no argument fragments first gets "{}":
     * Claude Code builds a tool's input from its input_json_delta events alone.
     */
    private void closeBlock(List<byte[]> out) {
        if (open < 0) {
            return;
        }
        if (openTool != null) {
            if (!openTool.gotArguments) {
                delta(ChatResponse.NODES.objectNode().put("type", "input_json_delta").put("partial_json", "{}"), out);
            }
            openTool.closed = true;
            openTool = null;
        }
        if (openKind == Kind.THINKING && !signature.isEmpty()) {
            delta(ChatResponse.NODES.objectNode().put("type", "signature_delta").put("signature", signature), out);
        }
        ObjectNode e = ChatResponse.NODES.objectNode();
        e.put("type", "content_block_stop");
        e.put("index", open);
        out.add(event("content_block_stop", e));
        open = -1;
        openKind = null;
    }

    /** Closes the open block, then the error event; the message has ended. */
    private void error(String type, String message, List<byte[]> out) {
        closeBlock(out);
        ObjectNode e = ChatResponse.NODES.objectNode();
        e.put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        out.add(event("error", e));
        ended = true;
    }

    /**
     * Anthropic's type for an upstream's mid-stream error: its own {@code type} when that is one of
     * Anthropic's; overloaded and rate-limit types or codes (words, or 529/503/429) as Anthropic's
     * overloaded_error and rate_limit_error (so Claude Code retries them); else api_error.
     */
    static String streamErrorType(JsonNode err) {
        String type = err.path("type").isString() ? err.path("type").stringValue() : "";
        if (ChatResponse.ANTHROPIC_ERROR_TYPES.contains(type)) {
            return type;
        }
        JsonNode code = err.path("code");
        String words = (type + " " + (code.isString() ? code.stringValue() : "")).toLowerCase();
        int status = code.isIntegralNumber() && code.canConvertToInt() ? code.intValue()
                : code.isString() && code.stringValue().matches("\\d{3}") ? Integer.parseInt(code.stringValue()) : 0;
        if (words.contains("overload") || status == 529 || status == 503) {
            return "overloaded_error";
        }
        if (words.contains("rate_limit") || words.contains("rate-limit") || words.contains("too_many_requests")
                || status == 429) {
            return "rate_limit_error";
        }
        return "api_error";
    }

    /** One complete SSE event: its name, its JSON on one line, and the blank line that ends it. */
    private static byte[] event(String name, ObjectNode data) {
        return ("event: " + name + "\ndata: " + Json.COMPACT.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
