package io.signalbox.bench;

import io.helidon.webserver.WebServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark upstream (not a test): {@code POST /v1/messages} answers a fixed Anthropic JSON body
 * at once; {@code POST /delayed/v1/messages} answers the same body after 20 ms (the capacity mock);
 * {@code POST /paced/v1/messages} streams 20 SSE events 20 ms apart; {@code POST /stream/v1/messages} the same
 * 20 events at once (to warm a proxy's streaming path). Usage: {@code BenchMock PORT}.
 */
public final class BenchMock {
    static final byte[] JSON = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}").getBytes(StandardCharsets.UTF_8);

    private BenchMock() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        WebServer.builder().host("127.0.0.1").port(port).shutdownHook(true)
                .routing(r -> r
                        .post("/v1/messages", (req, res) -> {
                            req.content().consume();
                            res.header("Content-Type", "application/json");
                            res.send(JSON);
                        })
                        .post("/delayed/v1/messages", (req, res) -> {
                            req.content().consume();
                            Thread.sleep(20);
                            res.header("Content-Type", "application/json");
                            res.send(JSON);
                        })
                        .post("/stream/v1/messages", (req, res) -> {
                            req.content().consume();
                            res.header("Content-Type", "text/event-stream");
                            try (OutputStream out = res.outputStream()) {
                                for (int i = 0; i < 20; i++) {
                                    out.write(("event: ping\ndata: {\"type\":\"ping\",\"n\":" + i + "}\n\n")
                                            .getBytes(StandardCharsets.UTF_8));
                                    out.flush();
                                }
                            }
                        })
                        .post("/paced/v1/messages", (req, res) -> {
                            req.content().consume();
                            res.header("Content-Type", "text/event-stream");
                            try (OutputStream out = res.outputStream()) {
                                for (int i = 0; i < 20; i++) {
                                    if (i > 0) {
                                        Thread.sleep(20);
                                    }
                                    out.write(("event: ping\ndata: {\"type\":\"ping\",\"n\":" + i + "}\n\n")
                                            .getBytes(StandardCharsets.UTF_8));
                                    out.flush();
                                }
                            }
                        }))
                .build().start();
        System.out.println("mock listening on " + port);
        Thread.currentThread().join();
    }
}
