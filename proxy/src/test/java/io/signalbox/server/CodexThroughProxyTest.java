package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.testsupport.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI, configured for proxy mode by the real {@code signalbox use}, talking through the
 * proxy to a mock Responses API: the answer reaches Codex's output with the real key upstream, and a
 * stream the upstream stops is reported by Codex in the proxy's words (the {@code response.failed}
 * event it ends such a stream with).
 */
class CodexThroughProxyTest {
    private static final String KEY = "sk-openai-for-codex-0000000000";
    private static final String FEATURES_OFF = "[features]\nplugins = false\nremote_plugin = false\napps = false\n";

    @TempDir
    Path dir;
    ProxyFixture f;
    HttpServer upstream;
    volatile boolean stall;
    final List<String> keys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Codex.binary();
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/v1/responses", this::respond);
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.start();
        f = new ProxyFixture(dir, c -> c.withIdleTimeout(Duration.ofSeconds(1)));
        var add = CliRun.withStdin(f.home, KEY, "profile", "add", "resp", "--format", "openai-responses", "--base-url",
                "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1", "--model", "default=gpt-mock",
                "--context-window", "128k", "--key-stdin");
        assertEquals(0, add.code(), add.all());
        Files.writeString(f.home.codexHome.resolve("config.toml"), FEATURES_OFF);
        var use = CliRun.run(f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port())), "use", "resp", "--clients", "codex");
        assertEquals(0, use.code(), use.all());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    private void respond(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            keys.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(event("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (stall) {
                Thread.sleep(60_000);
                return;
            }
            out.write((event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                    + "\"item\":{\"type\":\"message\",\"role\":\"assistant\",\"id\":\"msg_1\",\"content\":[{\"type\":"
                    + "\"output_text\",\"text\":\"Hello from the Responses upstream\"}]}}")
                    + event("response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\","
                    + "\"usage\":{\"input_tokens\":10,\"input_tokens_details\":null,\"output_tokens\":5,"
                    + "\"output_tokens_details\":null,\"total_tokens\":15}}}")).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the proxy closed the stream
        }
    }

    @Test
    void codexShowsTheUpstreamsAnswerAndTheUpstreamSeesTheRealKey() throws Exception {
        var run = Codex.exec(f.home, "say hi");

        assertTrue(run.output().contains("Hello from the Responses upstream"), run.output());
        assertTrue(!keys.isEmpty() && keys.stream().allMatch(("Bearer " + KEY)::equals), keys.toString());
    }

    @Test
    void aStreamTheUpstreamStopsIsReportedByCodexInTheProxysWords() throws Exception {
        stall = true;

        var run = Codex.exec(f.home, "say hi");

        assertTrue(run.code() != 0, run.output());
        assertTrue(run.output().contains("the upstream sent nothing for 1 s (idleTimeoutSeconds in settings.json)"),
                run.output());
    }
}
