package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.server.ProxyConfig;
import io.signalbox.server.ProxyServer;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code profile edit OLD --rename NEW}: a client pinned to the old profile's route ({@code /p/OLD})
 * is pointed at the new one, and a pin Signalbox cannot rewrite is named with the fix.
 */
class ProfileRenameTest {
    @TempDir
    Path tmp;
    TestHome h;
    Path settings;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp);
        settings = h.claudeDir.resolve("settings.json");
        config = h.codexHome.resolve("config.toml");
    }

    private void addProfiles(String upstream) {
        ok(sb(h, "sk-oai", "profile", "add", "oai", "--base-url", upstream + "/v1", "--format", "openai-responses",
                "--model", "default=gpt-mock", "--key-stdin"));
        ok(sb(h, "sk-ds", "profile", "add", "ds", "--base-url", upstream + "/anthropic", "--format", "anthropic",
                "--model", "default=ds-chat", "--key-stdin"));
    }

    private JsonNode status(String client) throws Exception {
        CliRun.Result r = ok(sb(h, null, "status", "--json"));
        for (JsonNode c : Json.MAPPER.readTree(r.out()).get("clients")) {
            if (c.get("client").asString().equals(client)) {
                return c;
            }
        }
        throw new AssertionError("no " + client + " in " + r.out());
    }

    private String codexBaseUrl() throws Exception {
        return CodexConfigText.parse(Files.readString(config)).path("model_providers").path("signalbox")
                .get("base_url").asString();
    }

    private String claudeBaseUrl() throws Exception {
        return Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env").get("ANTHROPIC_BASE_URL").asString();
    }

    /** What Codex sends: a Responses request to its base URL with the local token. */
    private HttpResponse<String> codexRequest(String baseUrl) throws Exception {
        String token = Files.readString(h.signalboxHome.resolve("local-token")).strip();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/responses"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-mock\",\"input\":\"hi\",\"stream\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aClientPinnedToTheRenamedProfilesRouteIsPointedAtTheNewRouteAndStillReachesTheProvider() throws Exception {
        try (MockUpstream mock = new MockUpstream()) {
            Signalbox proxySb = new Signalbox(h.env(), Clock.systemUTC(), w -> { });
            try (ProxyServer proxy = ProxyServer.start(proxySb, ProxyConfig.from(proxySb).withPort(0))) {
                h.set("SIGNALBOX_PORT", String.valueOf(proxy.port()));
                String root = "http://127.0.0.1:" + proxy.port();
                addProfiles(mock.url());
                ok(sb(h, null, "use", "oai"));
                ok(sb(h, null, "use", "ds"));
                assertEquals(root + "/p/oai/v1", codexBaseUrl(), "Codex stays on 'oai' through its own route");

                CliRun.Result r = ok(sb(h, null, "profile", "edit", "oai", "--rename", "oai2"));

                assertTrue(r.out().contains("updated profile 'oai2'"), r.out());
                assertTrue(r.out().contains("codex: " + config + " rewritten: Codex now reaches 'oai2' through "
                        + root + "/p/oai2/v1 (was " + root + "/p/oai/v1)"), r.out());
                assertEquals(root + "/p/oai2/v1", codexBaseUrl());
                assertTrue(Files.readString(config).contains("name = \"Signalbox: oai2\""), Files.readString(config));
                JsonNode codex = status("codex");
                assertEquals("oai2", codex.get("profile").asString(), codex.toString());
                assertEquals("pinned", codex.get("route").asString(), codex.toString());
                assertFalse(codex.has("problem"), codex.toString());
                HttpResponse<String> res = codexRequest(codexBaseUrl());
                assertEquals(200, res.statusCode(), res.body());
                assertTrue(res.body().contains("hi there"), res.body());
                assertEquals("/v1/responses", mock.seen.getLast().path());
                assertEquals("Bearer sk-oai", mock.seen.getLast().headers().get("authorization"));

                // the other way round: Claude Code pinned to the anthropic profile that gets renamed
                ok(sb(h, null, "use", "oai2"));
                assertEquals(root + "/p/ds", claudeBaseUrl());
                CliRun.Result c = ok(sb(h, null, "profile", "edit", "ds", "--rename", "deep"));
                assertTrue(c.out().contains("claude: " + settings + " rewritten: Claude Code now reaches 'deep'"
                        + " through " + root + "/p/deep"), c.out());
                assertEquals(root + "/p/deep", claudeBaseUrl());
                assertEquals(root + "/v1", codexBaseUrl(), "Codex follows the active profile: nothing to rewrite");
                assertFalse(c.err().contains("warning: c"), c.err());
            }
        }
    }

    @Test
    void aPinSignalboxDidNotWriteIsLeftAloneWithAWarningThatSaysHowToFixIt() throws Exception {
        h.set("SIGNALBOX_PORT", "5999");
        addProfiles("https://provider.example");
        String mine = "model_provider = \"mine\"\n\n[model_providers.mine]\nname = \"by hand\"\n"
                + "base_url = \"http://127.0.0.1:5999/p/oai/v1\"\nwire_api = \"responses\"\n";
        Files.writeString(config, mine);

        CliRun.Result r = ok(sb(h, null, "profile", "edit", "oai", "--rename", "oai2"));

        assertEquals(mine, Files.readString(config));
        assertTrue(r.err().contains("codex: " + config + " points at http://127.0.0.1:5999/p/oai/v1, which no longer"
                + " exists, and Signalbox did not write that address, so it left the file alone; fix: run `signalbox"
                + " use oai2 --clients codex`, or change the address to http://127.0.0.1:5999/p/oai2/v1 by hand"),
                r.err());
    }

    @Test
    void aMalformedFileThatWasPinnedToTheProfileIsNamedWithTheFix() throws Exception {
        h.set("SIGNALBOX_PORT", "5999");
        addProfiles("https://provider.example");
        ok(sb(h, null, "use", "oai"));
        ok(sb(h, null, "use", "ds"));
        Files.writeString(config, Files.readString(config) + "\nbroken = = 1\n");

        CliRun.Result r = ok(sb(h, null, "profile", "edit", "oai", "--rename", "oai2"));

        assertTrue(r.err().contains("codex: cannot check " + config + " for the old route /p/oai:"), r.err());
        assertTrue(r.err().contains("once the file is fixed, run `signalbox use oai2 --clients codex`"), r.err());
    }

    @Test
    void aDirectModeClientIsStillKnownToUseTheProfileUnderItsNewName() throws Exception {
        addProfiles("https://provider.example");
        ok(sb(h, null, "use", "ds", "--mode", "direct", "--clients", "claude"));
        byte[] before = Files.readAllBytes(settings);

        CliRun.Result r = ok(sb(h, null, "profile", "edit", "ds", "--rename", "deep"));

        JsonNode claude = status("claude");
        assertEquals("deep", claude.path("profile").asString(null), claude.toString());
        assertEquals("direct", claude.path("route").asString(null), claude.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(settings)), "nothing in the file names it");
        assertEquals("updated profile 'deep'\n", r.out().replace("\r\n", "\n"));
    }
}
