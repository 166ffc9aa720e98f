package io.signalbox.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A provider stand-in on 127.0.0.1 answering /v1/models and /v1/messages (plain and streamed) as Anthropic does. */
public final class MockAnthropic implements AutoCloseable {
    public static final String KEY = "sk-mock-provider-key-0123456789";
    static final String MODELS = "{\"data\":[{\"id\":\"mock-sonnet\",\"type\":\"model\"},{\"id\":\"mock-opus\",\"type\":\"model\"}],"
            + "\"has_more\":false,\"object\":\"list\"}";
    static final String MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"mock-sonnet\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
            + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":300}}";
    static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[]}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private final HttpServer server;

    public MockAnthropic() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = ex.getRequestHeaders().getFirst("x-api-key");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean authorized = KEY.equals(key) || ("Bearer " + KEY).equals(auth);
        String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        if (!authorized) {
            send(ex, 401, "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
        } else if (route.equals("GET /v1/models")) {
            send(ex, 200, "application/json", MODELS);
        } else if (route.equals("POST /v1/messages")) {
            boolean stream = body.replace(" ", "").contains("\"stream\":true");
            send(ex, 200, stream ? "text/event-stream" : "application/json", stream ? STREAM : MESSAGE);
        } else {
            send(ex, 404, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}");
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
