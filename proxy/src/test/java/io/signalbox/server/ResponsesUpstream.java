package io.signalbox.server;

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
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/**
 * A fake OpenAI Responses API provider on 127.0.0.1 (JDK HttpServer), answering as OpenAI does. A
 * stream: {@code response.created}, {@code response.in_progress}, then either the text as
 * {@code response.output_text.delta} events ({@link #pieces} of them, {@link #paceMillis} apart, each
 * noted in {@link #timeline}), or — with {@link #callTool}, to a request that carries no tool result — a
 * {@code function_call} item of {@link #toolName} whose arguments come in three deltas; then
 * {@code response.completed} with usage (input 120 tokens of which 100 cached, output 7). With
 * {@link #reasoning}, a reasoning item's summary comes first. A request without {@code stream} gets the
 * whole response object.
 */
final class ResponsesUpstream implements AutoCloseable {
    static final String USAGE = "{\"input_tokens\":120,\"input_tokens_details\":{\"cached_tokens\":100},"
            + "\"output_tokens\":7,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":127}";

    final List<ChatUpstream.Seen> seen = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> timeline = new LinkedBlockingQueue<>();
    private final HttpServer server;
    volatile String answer = "Hello from the Responses provider";
    volatile int pieces = 1;
    volatile long paceMillis;
    volatile boolean reasoning;
    volatile boolean callTool;
    volatile String toolName = "Glob";
    volatile String toolArgs = "{\"pattern\":\"*.md\"}";
    volatile int failStatus;
    volatile String failBody;
    /** When set, a stream ends with response.failed carrying this message after the first text delta. */
    volatile String failMidStream;

    ResponsesUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL an openai-responses profile gets (with its version segment). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    ChatUpstream.Seen last() {
        return seen.getLast();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        seen.add(new ChatUpstream.Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), body));
        try (ex) {
            if (failStatus != 0) {
                send(ex, failStatus, "application/json", failBody);
                return;
            }
            if (!ex.getRequestURI().getPath().equals("/v1/responses")) {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"no such path\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            JsonNode req = Json.MAPPER.readTree(body);
            String model = req.path("model").asString();
            boolean tool = callTool && !hasToolResult(req);
            if (!req.path("stream").asBoolean(false)) {
                String item = tool
                        ? "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"" + toolName
                                + "\",\"arguments\":" + Json.MAPPER.writeValueAsString(toolArgs) + ",\"status\":\"completed\"}"
                        : message();
                send(ex, 200, "application/json", response(model, "completed", "[" + item + "]"));
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                stream(out, model, tool);
            } catch (IOException e) {
                // the client left
            }
        }
    }

    private String message() {
        return "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":"
                + "[{\"type\":\"output_text\",\"text\":" + Json.MAPPER.writeValueAsString(answer) + ",\"annotations\":[]}]}";
    }

    private static String response(String model, String status, String output) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"model\":\"" + model + "\",\"status\":\"" + status
                + "\",\"output\":" + output + ",\"usage\":" + USAGE + "}";
    }

    private void stream(OutputStream out, String model, boolean tool) throws IOException {
        event(out, "response.created", "{\"type\":\"response.created\",\"response\":" + response(model, "in_progress", "[]") + "}");
        event(out, "response.in_progress", "{\"type\":\"response.in_progress\",\"response\":"
                + response(model, "in_progress", "[]") + "}");
        int index = 0;
        if (reasoning) {
            event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                    + "\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}}");
            event(out, "response.reasoning_summary_text.delta", "{\"type\":\"response.reasoning_summary_text.delta\","
                    + "\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Let me think.\"}");
            index++;
        }
        if (tool) {
            event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":" + index
                    + ",\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"" + toolName
                    + "\",\"arguments\":\"\",\"status\":\"in_progress\"}}");
            int third = Math.max(1, toolArgs.length() / 3);
            for (int i = 0; i < toolArgs.length(); i += third) {
                String part = toolArgs.substring(i, Math.min(toolArgs.length(), i + third));
                event(out, "response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\","
                        + "\"item_id\":\"fc_1\",\"output_index\":" + index + ",\"delta\":" + Json.MAPPER.writeValueAsString(part) + "}");
            }
            event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":" + index
                    + ",\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"" + toolName
                    + "\",\"arguments\":" + Json.MAPPER.writeValueAsString(toolArgs) + ",\"status\":\"completed\"}}");
        } else {
            event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":" + index
                    + ",\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[]}}");
            int size = Math.max(1, (answer.length() + pieces - 1) / pieces);
            for (int i = 0; i < pieces; i++) {
                if (i > 0 && paceMillis > 0) {
                    try {
                        Thread.sleep(paceMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                String text = answer.substring(Math.min(answer.length(), i * size), Math.min(answer.length(), (i + 1) * size));
                timeline.add("sent:" + i);
                event(out, "response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\","
                        + "\"output_index\":" + index + ",\"content_index\":0,\"delta\":" + Json.MAPPER.writeValueAsString(text) + "}");
                if (failMidStream != null) {
                    event(out, "response.failed", "{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":"
                            + "\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"" + failMidStream + "\"}}}");
                    return;
                }
            }
            event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":" + index
                    + ",\"item\":" + message() + "}");
        }
        String output = tool ? "[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"" + toolName
                + "\",\"arguments\":" + Json.MAPPER.writeValueAsString(toolArgs) + "}]" : "[" + message() + "]";
        event(out, "response.completed", "{\"type\":\"response.completed\",\"response\":" + response(model, "completed", output) + "}");
    }

    private static boolean hasToolResult(JsonNode req) {
        for (JsonNode item : req.path("input")) {
            if ("function_call_output".equals(item.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
