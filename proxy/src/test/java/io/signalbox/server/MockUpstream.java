package io.signalbox.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A fake Anthropic upstream on 127.0.0.1 (JDK HttpServer). Answers /v1/messages with a valid SSE
 * stream (or JSON when {@code stream} is false) saying {@link #answer}, records every request,
 * and can pace events, fail with a given status, or stream until the client goes away.
 */
final class MockUpstream implements AutoCloseable {
    /** One request as the upstream saw it. */
    record Seen(String method, String uri, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        String model() {
            return json().path("model").asString();
        }
    }

    final String answer;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Send order of paced events: "sent:N" entries, in order. */
    final BlockingQueue<String> timeline = new LinkedBlockingQueue<>();
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final HttpServer server;
    volatile int pacedEvents;
    volatile long paceMillis;
    volatile boolean endless;
    volatile int failStatus;
    volatile String failBody;
    /** When set, a streamed request without a tool result is answered with a signed thinking block and a Glob call. */
    volatile boolean callTool;
    /** Runs just before the tool call is answered (e.g. a switch of the active profile). */
    volatile Runnable beforeToolCall = () -> { };
    /** When set, a streamed answer sends message_start and then this error type as an error event, and ends. */
    volatile String midStreamError;
    /** When set, a streamed answer is exactly these pieces (each written and flushed), then the end. */
    volatile List<String> streamPieces;
    /** When set, streamed answers start with a thinking block signed with this. */
    volatile String thinkingSignature;
    /** Answer 400 "Invalid signature", as Anthropic does, to a request replaying a thinking block not signed {@link #thinkingSignature}. */
    volatile boolean rejectForeignSignatures;
    /** Answer 400, as a provider that predates it, to a request with {@code "thinking": {"type": "adaptive"}}. */
    volatile boolean rejectAdaptiveThinking;
    /** When above 0, answer 400 in DeepSeek's words to a request whose max_tokens is larger. */
    volatile int maxOutputTokens;
    /** Read the request, then send nothing at all (not even headers) until the client leaves. */
    volatile boolean stallBeforeHeaders;
    /** Read the request, then wait this long before answering (a slow model, not a stalled one). */
    volatile long answerDelayMillis;

    MockUpstream(String answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Seen last() {
        return seen.getLast();
    }

    List<Seen> messages() {
        return seen.stream().filter(s -> s.uri().startsWith("/v1/messages")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), body));
        try (ex) {
            if (stallBeforeHeaders) {
                sleep(600_000);
                return;
            }
            if (answerDelayMillis > 0) {
                sleep(answerDelayMillis);
            }
            if (failStatus != 0) {
                send(ex, failStatus, "application/json", failBody.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            // the OpenAI endpoints stream only when a test paces the stream (the rest want plain JSON)
            boolean openAiStream = (path.endsWith("/chat/completions") || path.endsWith("/responses"))
                    && (endless || pacedEvents > 0);
            if (!path.endsWith("/messages") && !openAiStream) {
                send(ex, 200, "application/json", ("{\"ok\":true,\"path\":\"" + ex.getRequestURI().getPath() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            JsonNode req = Json.MAPPER.readTree(body);
            String model = req.path("model").asString();
            if (rejectForeignSignatures) {
                for (JsonNode m : req.path("messages")) {
                    for (JsonNode block : m.path("content")) {
                        if ("thinking".equals(block.path("type").asString(null))
                                && !block.path("signature").asString("").equals(thinkingSignature)) {
                            send(ex, 400, "application/json", ("{\"type\":\"error\",\"error\":{\"type\":"
                                    + "\"invalid_request_error\",\"message\":\"messages.1.content.0: Invalid"
                                    + " `signature` in `thinking` block\"}}").getBytes(StandardCharsets.UTF_8));
                            return;
                        }
                    }
                }
            }
            if (rejectAdaptiveThinking && "adaptive".equals(req.path("thinking").path("type").asString(null))) {
                send(ex, 400, "application/json", ("{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"message\":\"thinking.type: Input tag 'adaptive' does not match"
                        + " any of the expected tags: 'enabled', 'disabled'\"}}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (maxOutputTokens > 0 && req.path("max_tokens").asLong() > maxOutputTokens) {
                send(ex, 400, "application/json", ("{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"message\":\"Invalid max_tokens value, the valid range of"
                        + " max_tokens is [1, " + maxOutputTokens + "]\"}}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!req.path("stream").asBoolean(false)) {
                send(ex, 200, "application/json", Json.MAPPER.writeValueAsBytes(Map.of(
                        "id", "msg_mock", "type", "message", "role", "assistant", "model", model,
                        "content", List.of(Map.of("type", "text", "text", answer)),
                        "stop_reason", "end_turn", "stop_sequence", "",
                        "usage", Map.of("input_tokens", 10, "output_tokens", 5))));
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                List<String> pieces = streamPieces;
                if (pieces != null) {
                    for (String p : pieces) {
                        out.write(p.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } else if (endless || pacedEvents > 0) {
                    paced(out);
                } else if (midStreamError != null) {
                    out.write(Sse.message(model, answer).getFirst().getBytes(StandardCharsets.UTF_8));
                    out.write(Sse.event("error", "{\"type\":\"error\",\"error\":{\"type\":\"" + midStreamError
                            + "\",\"message\":\"Overloaded\"}}").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (callTool && !new String(body, StandardCharsets.UTF_8).contains("\"tool_result\"")) {
                    beforeToolCall.run();
                    for (String e : Sse.thinkingToolCall(model, thinkingSignature)) {
                        out.write(e.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } else {
                    String sig = thinkingSignature;
                    for (String e : sig == null ? Sse.message(model, answer) : Sse.thinkingMessage(model, sig, answer)) {
                        out.write(e.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                clientGone.countDown();
            }
        }
    }

    private void paced(OutputStream out) throws IOException {
        for (int i = 0; endless || i < pacedEvents; i++) {
            if (i > 0) {
                sleep(paceMillis);
            }
            timeline.add("sent:" + i);
            out.write(("event: ping\ndata: {\"type\":\"ping\",\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
