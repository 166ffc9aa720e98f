package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.cli.Main;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.JvmProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code signalbox serve} as a separate JVM: serves, logs, and shuts down cleanly on SIGTERM. */
class ServeCommandTest {
    @TempDir
    Path dir;
    ProxyFixture f;
    Process serve;
    int port;
    Path stderr;

    /** The running serve's standard output, after its first line. */
    BufferedReader serveOut;

    @BeforeEach
    void start() throws Exception {
        f = new ProxyFixture(dir);
    }

    /** Starts {@code signalbox serve} in its own JVM with the fixture's home and {@code env} on top. */
    private void startServe(Map<String, String> env) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        stderr = dir.resolve("serve.err");
        Map<String, String> vars = new HashMap<>(f.home.vars());
        vars.putAll(env);
        ProcessBuilder pb = JvmProcess.builder(vars, Main.class, "serve", "--port", String.valueOf(port));
        pb.redirectError(stderr.toFile());
        serve = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        serveOut = out;
        String line = out.readLine();
        assertTrue(line != null && line.contains("listening on http://127.0.0.1:" + port), line + "\n" + err());
    }

    @AfterEach
    void stop() throws Exception {
        if (serve != null) {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        f.close();
    }

    private String err() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + f.token)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void serveAnswersHealthForwardsAndLogsOneLinePerRequest() throws Exception {
        startServe(Map.of());
        var health = f.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        var msg = f.client.send(post("/v1/messages?beta=true", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, health.statusCode());
        assertEquals(200, msg.statusCode());
        assertTrue(msg.body().contains("Hello from upstream A"));
        assertEquals(ProxyFixture.KEY_A, f.a.last().header("x-api-key"));

        serve.destroy();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        String log = err();
        assertTrue(log.contains("path=/v1/messages profile=A model=claude-sonnet-5 upstreamModel=model-a status=200"),
                log);
        assertFalse(log.contains(f.token));
        assertFalse(log.contains(ProxyFixture.KEY_A));
        assertTrue(log.contains("this proxy listens on port " + port + ", but `signalbox use` points Claude Code and"
                + " Codex at port 4891"), "--port differs from the configured port, and serve says so: " + log);
    }

    /** Runs {@code signalbox serve ARGS} expecting it to fail; returns its stdout and stderr. */
    private String serveFails(Map<String, String> env, String... args) throws Exception {
        Map<String, String> vars = new HashMap<>(f.home.vars());
        vars.putAll(env);
        List<String> argv = new ArrayList<>(List.of("serve"));
        argv.addAll(List.of(args));
        Path err = dir.resolve("second.err");
        Path out = dir.resolve("second.out");
        ProcessBuilder pb = JvmProcess.builder(vars, Main.class, argv.toArray(String[]::new));
        pb.redirectError(err.toFile());
        pb.redirectOutput(out.toFile());
        Process second = pb.start();
        try {
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "serve kept running on a busy port");
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String all = Files.readString(out) + Files.readString(err);
        assertEquals(1, second.exitValue(), all);
        return all;
    }

    @Test
    void serveNamesTheCompanyHttpProxyItUsesAndRefusesOneItCannotUseWithTheFix() throws Exception {
        String refused = serveFails(Map.of("HTTPS_PROXY", "socks5://corp:s3cret@127.0.0.1:1080"));
        assertTrue(refused.contains("HTTPS_PROXY names a socks5:// proxy") && refused.contains("http://"), refused);
        assertFalse(refused.contains("s3cret"), refused);

        startServe(Map.of("HTTPS_PROXY", "http://corp:s3cret@127.0.0.1:9", "HTTP_PROXY", "http://127.0.0.1:9",
                "NO_PROXY", ".corp.example"));
        String line = serveOut.readLine();
        assertEquals("Upstreams through the HTTP proxy http://127.0.0.1:9 (HTTPS_PROXY) for https://, http://127.0.0.1:9"
                + " (HTTP_PROXY) for http://; directly: loopback, .corp.example", line);
        // the fixture's upstream is on loopback: reached directly, not through the (absent) proxy
        var msg = f.client.send(post("/v1/messages", ProxyFixture.message("claude-sonnet-5", false)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, msg.statusCode(), msg.body());
    }

    @Test
    void aSecondServeOnTheSamePortExitsWithStatusOneAndSaysThePortIsInUse() throws Exception {
        startServe(Map.of());

        String second = serveFails(Map.of(), "--port", String.valueOf(port));

        assertTrue(second.contains("signalbox: error: port " + port + " on 127.0.0.1 is already in use (another"
                + " signalbox serve, or the desktop app?)\n  fix: stop the other process, or choose another port with"
                + " --port N, SIGNALBOX_PORT=N or \"port\": N in "), second);
        assertFalse(second.contains("listening"), second);
        assertFalse(second.contains("SEVERE"), "no Helidon stack noise: " + second);
        var health = f.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "the first serve still answers");
    }

    @Test
    void serveOnThePortFromSignalboxPortHeldByAnotherProgramExitsWithStatusOne() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int busy = other.getLocalPort();

            String out = serveFails(Map.of("SIGNALBOX_PORT", String.valueOf(busy)));

            assertTrue(out.contains("signalbox: error: port " + busy + " on 127.0.0.1 is already in use"), out);
            assertFalse(out.contains("SEVERE") || out.contains("Failed to start"), "no Helidon stack noise: " + out);
            assertFalse(out.contains("listening"), out);
        }
    }

    @Test
    void sigtermLetsAStreamInFlightFinishBeforeTheProcessExits() throws Exception {
        startServe(Map.of());
        f.a.pacedEvents = 8;
        f.a.paceMillis = 150;
        var res = f.client.send(post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> data = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    data.add(line);
                    if (data.size() == 1) {
                        serve.destroy();
                    }
                }
            }
        }

        assertEquals(8, data.size(), data.toString());
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigtermWithAStreamOutlivingTheGracePeriodEndsItWithAnSseErrorEventAndExits() throws Exception {
        startServe(Map.of("SIGNALBOX_SHUTDOWN_GRACE_SECONDS", "1"));
        f.a.endless = true;
        f.a.paceMillis = 100;
        var res = f.client.send(post("/v1/messages", ProxyFixture.message("claude-sonnet-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        boolean signalled = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) { // the endless stream ends only when serve ends it
                if (line.startsWith("data: ") && !signalled) {
                    serve.destroy(); // SIGTERM
                    signalled = true;
                }
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }

        assertTrue(lines.size() >= 4, lines.toString());
        assertEquals("event: error", lines.get(lines.size() - 2), lines.toString());
        var error = io.signalbox.common.Json.MAPPER.readTree(lines.getLast().substring("data: ".length()));
        assertEquals("error", error.path("type").asString(), lines.getLast());
        assertTrue(error.path("error").path("message").asString().contains("shutting down"), lines.getLast());
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        assertTrue(f.a.clientGone.await(60, TimeUnit.SECONDS), "the upstream request was not cancelled");
    }

    @Test
    void claudeCodeWorksThroughTheServeProcess() throws Exception {
        startServe(Map.of());
        ClaudeCode.binary();
        var use = CliRun.run(f.home.set("SIGNALBOX_PORT", String.valueOf(port)), "use", "A", "--clients", "claude");
        assertEquals(0, use.code(), use.all());

        var run = ClaudeCode.print(f.home, "say hi");

        assertTrue(run.out().contains("Hello from upstream A"), run.out() + run.err() + err());
        assertEquals(ProxyFixture.KEY_A, f.a.messages().getLast().header("x-api-key"));
    }
}
