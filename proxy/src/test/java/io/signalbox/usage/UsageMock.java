package io.signalbox.usage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A fake provider on 127.0.0.1 (JDK HttpServer) that reports fixed token counts in each API's own
 * shape — Anthropic Messages, OpenAI Chat Completions (include_usage chunk) and OpenAI Responses
 * (response.completed) — streamed or not, and can cut an Anthropic stream short.
 */
final class UsageMock implements AutoCloseable {
    // Anthropic: input excludes cache; 300 cache writes of which 200 with the 1-hour lifetime
    static final String ANTHROPIC_USAGE = "{\"input_tokens\":1200,\"cache_creation_input_tokens\":300,"
            + "\"cache_read_input_tokens\":5000,\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,"
            + "\"ephemeral_1h_input_tokens\":200},\"output_tokens\":450}";
    // OpenAI chat: prompt_tokens 2000 INCLUDES 1500 cached
    static final String CHAT_USAGE = "{\"prompt_tokens\":2000,\"completion_tokens\":300,\"total_tokens\":2300,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":1500},\"completion_tokens_details\":{\"reasoning_tokens\":100}}";
    // OpenAI responses: input_tokens 4000 INCLUDES 1000 cached
    static final String RESPONSES_USAGE = "{\"input_tokens\":4000,\"input_tokens_details\":{\"cached_tokens\":1000},"
            + "\"output_tokens\":700,\"output_tokens_details\":{\"reasoning_tokens\":200},\"total_tokens\":4700}";

    private final HttpServer server;
    volatile boolean cutStreams;

    UsageMock() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            String model = req.path("model").asString();
            boolean stream = req.path("stream").asBoolean(false);
            String path = ex.getRequestURI().getPath();
            if (path.endsWith("/messages")) {
                anthropic(ex, model, stream);
            } else if (path.endsWith("/chat/completions")) {
                chat(ex, model, stream);
            } else {
                responses(ex, model, stream);
            }
        }
    }

    private void anthropic(HttpExchange ex, String model, boolean stream) throws IOException {
        if (!stream) {
            json(ex, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model
                    + "\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"usage\":"
                    + ANTHROPIC_USAGE + "}");
            return;
        }
        String startUsage = ANTHROPIC_USAGE.replace("\"output_tokens\":450", "\"output_tokens\":1");
        List<String> events = List.of(
                ev("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"usage\":" + startUsage + "}}"),
                ev("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                ev("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"the usage is fine\"}}"),
                ev("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                ev("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":450}}"),
                ev("message_stop", "{\"type\":\"message_stop\"}"));
        sse(ex, cutStreams ? events.subList(0, 3) : events);
    }

    private void chat(HttpExchange ex, String model, boolean stream) throws IOException {
        if (!stream) {
            json(ex, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"" + model + "\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":"
                    + CHAT_USAGE + "}");
            return;
        }
        String head = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model + "\",";
        sse(ex, List.of(
                data(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null}"),
                data(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}"),
                data(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}"),
                data(head + "\"choices\":[],\"usage\":" + CHAT_USAGE + "}"),
                data("[DONE]")));
    }

    private void responses(HttpExchange ex, String model, boolean stream) throws IOException {
        String response = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"" + model
                + "\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"}]}],"
                + "\"usage\":" + RESPONSES_USAGE + "}";
        if (!stream) {
            json(ex, response);
            return;
        }
        sse(ex, List.of(
                ev("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}"),
                ev("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}"),
                ev("response.completed", "{\"type\":\"response.completed\",\"response\":" + response + "}")));
    }

    private static String ev(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    private static void json(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sse(HttpExchange ex, List<String> events) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
