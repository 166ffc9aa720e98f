package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signalbox test NAME --via-proxy} against the real in-process proxy, not a stand-in. */
class PreflightThroughProxyTest {
    @TempDir
    Path dir;

    @Test
    void thePreflightsProxyStepPassesThroughTheRealProxyToTheProfilesUpstream() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            CliRun.Result r = CliRun.run(f.home, "test", "B", "--via-proxy", f.url(""));
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✓ proxy\\s.*"), r.out());
            // B is not the active profile: the per-profile route /p/B reached B's upstream with B's key.
            assertTrue(f.b.messages().stream().anyMatch(q -> ("Bearer " + ProxyFixture.KEY_B).equals(q.header("Authorization"))
                    && "model-b".equals(q.model())), "B's upstream saw the proxy step with B's key and model");
            assertTrue(f.a.messages().isEmpty(), "the active profile A was not used");
            assertFalse(r.all().contains(ProxyFixture.KEY_B));
        }
    }

    @Test
    void inProxyModeTheRunningProxyIsFoundOnTheConfiguredPortWithoutBeingNamed() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            f.home.set("SIGNALBOX_PORT", String.valueOf(f.proxy.port()));
            CliRun.Result r = CliRun.run(f.home, "test", "A");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✓ proxy\\s.*"), r.out());
            f.home.set("SIGNALBOX_PORT", "1");
            CliRun.Result without = CliRun.run(f.home, "test", "A");
            assertEquals(0, without.code(), without.all());
            assertTrue(without.out().contains("the local proxy is not running on port 1"), without.out());
        }
    }

    /**
     * An OpenAI Responses profile (Codex's): the proxy passes its own format through, so the proxy step
     * must send a Responses request to /p/NAME/v1/responses — an Anthropic one is refused by the proxy.
     */
    @Test
    void anOpenAiResponsesProfilePassesTheProxyStepThroughTheRealProxy() throws Exception {
        com.sun.net.httpserver.HttpServer up = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        up.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            seen.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + x.getRequestHeaders()
                    .getFirst("Authorization") + " " + body);
            boolean stream = body.contains("\"stream\":true");
            String reply = x.getRequestURI().getPath().equals("/v1/models")
                    ? "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-mock\",\"object\":\"model\"}]}"
                    : stream ? "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r1\"}}\n\n"
                            + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r1\"}}\n\n"
                    : "{\"id\":\"r1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-mock\",\"output\":"
                            + "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}]}";
            byte[] bytes = reply.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        up.start();
        try (ProxyFixture f = new ProxyFixture(dir)) {
            f.signalbox.profiles().add(new io.signalbox.profile.Profile("oai", "http://127.0.0.1:"
                    + up.getAddress().getPort() + "/v1", io.signalbox.profile.ApiFormat.OPENAI_RESPONSES,
                    io.signalbox.profile.AuthStyle.BEARER, new io.signalbox.profile.ModelMap(null, null, null, null,
                            "gpt-mock", java.util.List.of()), java.util.Map.of(), null, null, null));
            f.signalbox.secrets().put("oai", "sk-openai-real-key");
            CliRun.Result r = CliRun.run(f.home, "test", "oai", "--via-proxy", f.url(""));
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✓ proxy\\s.*"), r.out());
            assertEquals(4, seen.size(), () -> "models, message, stream, then the proxy step: " + seen);
            assertTrue(seen.getLast().startsWith("POST /v1/responses Bearer sk-openai-real-key {"), seen.getLast());
            assertFalse(r.all().contains("sk-openai-real-key"));
        } finally {
            up.stop(0);
        }
    }
}
