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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/**
 * A fake OpenAI Chat Completions provider on 127.0.0.1 (JDK HttpServer), answering as OpenAI does:
 * a stream opens with a role-only chunk, the text comes in {@link #pieces} chunks ({@link #paceMillis}
 * apart, each noted in {@link #timeline} as it is sent), then a chunk with the finish reason, a usage
 * chunk with no choices (prompt 120 tokens of which 100 cached, completion 7), and {@code [DONE]}.
 * With {@link #callTool}, a streamed request that carries no tool result is answered with a call of
 * {@link #toolName}, its arguments split over three chunks.
 */
final class ChatUpstream implements AutoCloseable {
    record Seen(String method, String uri, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    static final String USAGE = "{\"prompt_tokens\":120,\"completion_tokens\":7,\"total_tokens\":127,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":100}}";

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> timeline = new LinkedBlockingQueue<>();
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final HttpServer server;
    volatile String answer = "Hello from the chat provider";
    volatile int pieces = 1;
    volatile long paceMillis;
    volatile boolean endless;
    volatile boolean reasoning;
    volatile boolean callTool;
    volatile String toolName = "Glob";
    volatile String toolArgs = "{\"pattern\":\"*.md\"}";
    volatile int failStatus;
    volatile String failBody;
    volatile String retryAfter;
    /** When set, a request for a stream is answered with one whole JSON answer, as some servers do. */
    volatile boolean ignoreStream;
    /** When set, the stream sends this error chunk after the first piece of text, and ends. */
    volatile String midStreamError;
    /** When set, the stream is this one error chunk (OpenAI's shape, with this message), and ends. */
    volatile String firstError;
    /** When set, the stream is exactly these bytes, and ends. */
    volatile String rawStream;

    ChatUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL an openai-chat profile gets (with its version segment). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    Seen last() {
        return seen.getLast();
    }

    List<Seen> chats() {
        return seen.stream().filter(s -> s.uri().equals("/v1/chat/completions")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), body));
        try (ex) {
            if (failStatus != 0) {
                if (retryAfter != null) {
                    ex.getResponseHeaders().add("Retry-After", retryAfter);
                }
                send(ex, failStatus, "application/json", failBody);
                return;
            }
            if (!ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"no such path\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            JsonNode req = Json.MAPPER.readTree(body);
            String model = req.path("model").asString();
            boolean tool = callTool && req.path("stream").asBoolean(false) && !hasToolResult(req);
            if (!req.path("stream").asBoolean(false) || ignoreStream) {
                String message = tool
                        ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"" + toolName + "\",\"arguments\":" + Json.MAPPER.writeValueAsString(toolArgs)
                                + "}}]}"
                        : "{\"role\":\"assistant\",\"content\":" + Json.MAPPER.writeValueAsString(answer) + "}";
                send(ex, 200, "application/json", "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + model
                        + "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\""
                        + (tool ? "tool_calls" : "stop") + "\"}],\"usage\":" + USAGE + "}");
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                stream(out, model, tool);
            } catch (IOException e) {
                clientGone.countDown();
            }
        }
    }

    private void stream(OutputStream out, String model, boolean tool) throws IOException {
        if (rawStream != null) {
            write(out, rawStream);
            return;
        }
        if (firstError != null) {
            write(out, "data: {\"error\":{\"message\":\"" + firstError + "\",\"type\":\"server_error\",\"code\":502}}\n\n");
            return;
        }
        chunk(out, model, "{\"role\":\"assistant\",\"content\":\"\"}", null);
        if (reasoning) {
            chunk(out, model, "{\"reasoning_content\":\"Let me think.\"}", null);
        }
        if (tool) {
            chunk(out, model, "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\""
                    + toolName + "\",\"arguments\":\"\"}}]}", null);
            int third = Math.max(1, toolArgs.length() / 3);
            for (int i = 0; i < toolArgs.length(); i += third) {
                String part = toolArgs.substring(i, Math.min(toolArgs.length(), i + third));
                chunk(out, model, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + Json.MAPPER.writeValueAsString(part) + "}}]}", null);
            }
            chunk(out, model, "{}", "tool_calls");
        } else {
            int n = endless ? Integer.MAX_VALUE : pieces;
            int size = Math.max(1, (answer.length() + pieces - 1) / pieces);
            for (int i = 0; i < n; i++) {
                if (i > 0 && paceMillis > 0) {
                    sleep(paceMillis);
                }
                String text = endless ? "tick " + i + " " : answer.substring(Math.min(answer.length(), i * size),
                        Math.min(answer.length(), (i + 1) * size));
                timeline.add("sent:" + i);
                chunk(out, model, "{\"content\":" + Json.MAPPER.writeValueAsString(text) + "}", null);
                if (midStreamError != null) {
                    write(out, "data: {\"error\":{\"message\":\"" + midStreamError + "\",\"type\":\"server_error\"}}\n\n");
                    return;
                }
            }
            chunk(out, model, "{}", "stop");
        }
        write(out, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[],\"usage\":" + USAGE + "}\n\n");
        write(out, "data: [DONE]\n\n");
    }

    private static boolean hasToolResult(JsonNode req) {
        for (JsonNode m : req.path("messages")) {
            if ("tool".equals(m.path("role").asString(null))) {
                return true;
            }
        }
        return false;
    }

    private static void chunk(OutputStream out, String model, String delta, String finish) throws IOException {
        write(out, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        MockUpstream.send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        MockUpstream.sleep(ms);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
