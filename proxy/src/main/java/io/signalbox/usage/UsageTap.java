package io.signalbox.usage;

import io.signalbox.common.Json;
import io.signalbox.event.UsageReport;
import io.signalbox.forward.Endpoint;
import io.signalbox.forward.UsageGate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches one response for usage: each SSE event is parsed after it was written and flushed to
 * the client (so the stream is never held back), a JSON body after it was sent. Keeps only
 * counts, the model name and an error type — never text. Owned by the request's thread.
 */
final class UsageTap implements UsageGate.Tap {
    /** An SSE event larger than this is skipped rather than buffered (a huge event carries text, not usage). */
    private static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private enum Dialect { ANTHROPIC, CHAT, RESPONSES }

    private final long startNanos = System.nanoTime();
    private final Endpoint endpoint;
    private final Dialect dialect;
    private final String client;
    private final String sessionId;
    private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("\r?\n");
    /** The SSE event being collected; made on the first piece (a non-streamed response never needs one). */
    private ByteArrayOutputStream event;
    private boolean skipping;
    private boolean streamed;
    private boolean complete;
    private long ttftNanos = -1;
    private TokenCounts counts;
    private String model;
    private String errorClass;
    private int failoverHops;

    UsageTap(Endpoint endpoint, UsageGate.Headers headers) {
        this.endpoint = endpoint;
        this.dialect = switch (endpoint) {
            case CHAT_COMPLETIONS -> Dialect.CHAT;
            case RESPONSES -> Dialect.RESPONSES;
            default -> Dialect.ANTHROPIC;
        };
        this.client = ClientKind.of(headers.first("user-agent"), headers.first("originator"));
        String sid = headers.first("x-claude-code-session-id");
        if (sid == null) {
            sid = headers.first("session-id"); // Codex
        }
        this.sessionId = sid == null || sid.length() > 200 ? null : sid;
    }

    @Override
    public void sse(byte[] buf, int off, int len) {
        streamed = true;
        if (event == null) {
            event = new ByteArrayOutputStream(1024);
        }
        if (!skipping) {
            event.write(buf, off, len);
        }
        if (event.size() > MAX_EVENT_BYTES) {
            event.reset();
            skipping = true;
        }
        if (endsEvent(buf, off, len)) {
            if (!skipping) {
                onEvent(event.toString(StandardCharsets.UTF_8));
            }
            event.reset();
            skipping = false;
        }
    }

    private static boolean endsEvent(byte[] b, int off, int len) {
        int end = off + len;
        if (len == 0 || b[end - 1] != '\n') {
            return false;
        }
        int i = end - 2;
        if (i >= off && b[i] == '\r') {
            i--;
        }
        return i < off || b[i] == '\n';
    }

    private void onEvent(String text) {
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : LINES.split(text)) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
        String d = data.toString();
        if (d.isEmpty()) {
            return;
        }
        if (d.equals("[DONE]")) {
            complete = true;
            return;
        }
        if (ttftNanos < 0 && isContent(name, d)) {
            ttftNanos = System.nanoTime() - startNanos;
        }
        if (!d.contains("usage") && !d.contains("\"error\"") && !d.contains("message_stop")
                && !d.contains("response.completed") && !d.contains("response.incomplete")) {
            return;
        }
        JsonNode n = parse(d);
        if (n != null) {
            streamEvent(n);
        }
    }

    private static boolean isContent(String name, String data) {
        String t = name != null ? name : "";
        if (t.equals("ping") || t.equals("message_start") || t.startsWith("response.created")
                || t.startsWith("response.in_progress")) {
            return false;
        }
        return !data.contains("\"type\":\"ping\"") && !data.contains("\"type\":\"message_start\"")
                && !data.contains("\"type\":\"response.created\"") && !data.contains("\"type\":\"response.in_progress\"");
    }

    private void streamEvent(JsonNode n) {
        String type = n.path("type").asString("");
        switch (type) {
            case "message_start" -> {
                JsonNode m = n.path("message");
                model(m.path("model"));
                add(m.path("usage"));
            }
            case "message_delta" -> add(n.path("usage"));
            case "message_stop" -> complete = true;
            case "error" -> errorClass = errorType(n);
            case "response.completed", "response.incomplete", "response.failed" -> {
                JsonNode r = n.path("response");
                model(r.path("model"));
                add(r.path("usage"));
                complete = !type.equals("response.failed");
                if (type.equals("response.failed")) {
                    errorClass = r.path("error").path("code").asString("response_failed");
                }
            }
            default -> {
                // OpenAI chat chunks have no "type"; the include_usage chunk carries usage
                if (n.has("usage") || n.has("model")) {
                    model(n.path("model"));
                    add(n.path("usage"));
                }
                if (n.has("error")) {
                    errorClass = errorType(n);
                }
            }
        }
    }

    @Override
    public void body(int status, String contentType, byte[] body) {
        complete = true;
        JsonNode n = contentType.toLowerCase().contains("json") ? topLevel(body) : null;
        if (status >= 400) {
            errorClass = n == null ? "http_" + status : errorType(n);
            return;
        }
        if (n != null && (endpoint == Endpoint.MESSAGES || endpoint == Endpoint.CHAT_COMPLETIONS
                || endpoint == Endpoint.RESPONSES)) {
            model(n.path("model"));
            add(n.path("usage"));
        }
    }

    @Override
    public void error(String type) {
        errorClass = type;
    }

    private void add(JsonNode u) {
        if (!u.isObject()) {
            return;
        }
        TokenCounts c;
        if (u.has("prompt_tokens") || u.has("completion_tokens")) {
            c = TokenCounts.openAiChat(u);
        } else if (dialect == Dialect.RESPONSES || u.has("input_tokens_details")) {
            c = TokenCounts.openAiResponses(u);
        } else {
            c = TokenCounts.anthropic(u);
        }
        counts = counts == null ? c : counts.overlay(c);
    }

    private void model(JsonNode m) {
        if (m.isString() && !m.asString().isBlank() && m.asString().length() <= 200) {
            model = m.asString();
        }
    }

    private static String errorType(JsonNode n) {
        JsonNode e = n.path("error");
        String t = e.path("type").asString("");
        if (t.isEmpty()) {
            t = e.path("code").asString("");
        }
        return t.isEmpty() || t.length() > 80 ? "error" : t;
    }

    /**
     * The fields of a whole JSON answer that usage needs ({@code model}, {@code usage},
     * {@code error}, {@code type}), read straight from the bytes; everything else — the answer's
     * content, often most of it — is skipped without building a tree. Null when not a JSON object.
     */
    private static final tools.jackson.core.TokenStreamFactory TOKENS = Json.MAPPER.tokenStreamFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static JsonNode topLevel(byte[] body) {
        // The mapper's token factory without a databinding context: no per-answer setup.
        try (JsonParser p = TOKENS.createParser(tools.jackson.core.ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode out = NODES.objectNode();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "model", "usage", "error", "type" -> out.set(name, tree(p));
                    default -> p.skipChildren();
                }
            }
            return out;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The value at the parser's current token as a tree (small subtrees only: {@code usage},
     * {@code error}; the parser's nesting limit bounds the depth).
     */
    private static JsonNode tree(JsonParser p) {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String n = p.currentName();
                    p.nextToken();
                    o.set(n, tree(p));
                }
                yield o;
            }
            case START_ARRAY -> {
                tools.jackson.databind.node.ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(tree(p));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.stringNode(p.getString());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private static JsonNode parse(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public UsageReport get() {
        TokenCounts c = counts;
        return new UsageReport(client, sessionId, endpoint.path(), streamed, complete,
                ttftNanos < 0 ? -1 : ttftNanos / 1_000_000,
                c == null ? null : c.input(), c == null ? null : c.output(), c == null ? null : c.cacheRead(),
                c == null ? null : c.cacheWrite(), c == null ? null : c.cacheWrite1h(),
                c == null ? null : c.reasoning(), model, errorClass, failoverHops);
    }

    @Override
    public void failedOver() {
        failoverHops++;
    }
}
