package io.signalbox.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.secret.LocalToken;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code signalbox test NAME} (io.signalbox.cli.TestCommand): exit codes, readable text, JSON, kept results and the proxy option. */
class TestCommandTest {
    @TempDir
    Path dir;

    private static CliRun.Result cli(TestHome home, String... args) {
        return CliRun.withStdin(home, null, args);
    }

    @Test
    void aWorkingProfileExitsZeroAndPrintsEachStepWithATick() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            CliRun.Result r = cli(f.home, "test", "acme");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("testing acme (anthropic, " + f.provider.url() + ")"), r.out());
            assertTrue(r.out().matches("(?s).*✓ models\\s+\\d+ ms  2 models listed.*"), r.out());
            assertTrue(r.out().matches("(?s).*✓ stream\\s+\\d+ ms  first event after \\d+ ms.*"), r.out());
            assertTrue(r.out().contains("ok: acme works (model model-a"), r.out());
        }
    }

    @Test
    void aDiagnosedProblemExitsOneAndPrintsTheCrossAndTheFix() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "bearer")) {
            CliRun.Result r = cli(f.home, "test", "acme");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*✗ models\\s+\\d+ ms  the key is rejected as Authorization.*"), r.out());
            assertTrue(r.out().contains("fix: switch --auth to x-api-key: signalbox profile edit acme --auth x-api-key"),
                    r.out());
            assertTrue(r.out().contains("problem: WRONG_AUTH_STYLE"), r.out());
        }
    }

    @Test
    void jsonOutputCarriesTheStepsAndTheDiagnosis() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "bearer")) {
            CliRun.Result r = cli(f.home, "test", "acme", "--json");
            assertEquals(1, r.code(), r.all());
            JsonNode json = Json.MAPPER.readTree(r.out());
            assertEquals("WRONG_AUTH_STYLE", json.path("diagnosis").path("code").asString());
            assertEquals("models", json.path("steps").get(json.path("steps").size() - 1).path("step").asString());
            assertEquals("acme", json.path("profile").asString());
        }
    }

    @Test
    void theLastResultShowsInProfileListAndProfileShow() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            CliRun.Result before = cli(f.home, "profile", "list");
            assertTrue(before.out().contains("STATUS") && before.out().contains("untested"), before.out());
            assertEquals(0, cli(f.home, "test", "acme").code());
            CliRun.Result after = cli(f.home, "profile", "list");
            assertTrue(after.out().matches("(?s).*acme .*stored\\s+ok \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ.*"), after.out());
            JsonNode shown = Json.MAPPER.readTree(cli(f.home, "profile", "show", "acme", "--json").out());
            assertEquals("OK", shown.path("lastTest").path("code").asString(), shown.toString());
            assertTrue(Files.exists(f.home.signalboxHome.resolve("preflight.json")));

            f.provider.on("GET", "/v1/models", FakeProvider.Reply.json(402, "{\"error\":{\"message\":\"no credit\"}}"));
            assertEquals(1, cli(f.home, "test", "acme").code());
            JsonNode listed = Json.MAPPER.readTree(cli(f.home, "profile", "list", "--json").out());
            assertEquals("OUT_OF_BALANCE", listed.get(0).path("lastTest").path("code").asString());
        }
    }

    @Test
    void removingOrRenamingAProfileForgetsItsLastResult() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            assertEquals(0, cli(f.home, "test", "acme").code());
            assertEquals(0, cli(f.home, "profile", "edit", "acme", "--rename", "acme2").code());
            assertTrue(cli(f.home, "profile", "list").out().contains("untested"));
            assertEquals(0, cli(f.home, "test", "acme2").code());
            assertEquals(0, cli(f.home, "profile", "remove", "acme2").code());
            assertEquals(0, cli(f.home, "profile", "add", "acme2", "--base-url", "https://x.example").code());
            assertTrue(cli(f.home, "profile", "list").out().contains("untested"));
        }
    }

    @Test
    void viaProxySendsTheLocalTokenToTheProxy() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            String token = LocalToken.getOrCreate(f.home.signalboxHome);
            try (FakeProvider proxy = f.proxyStandIn(token)) {
                CliRun.Result r = cli(f.home, "test", "acme", "--via-proxy", proxy.url());
                assertEquals(0, r.code(), r.all());
                assertTrue(r.out().matches("(?s).*✓ proxy .*"), r.out());
                assertEquals("Bearer " + token, proxy.seen().getFirst().header("authorization"));
            }
        }
    }

    @Test
    void anUnknownProfileOrABadTimeoutIsAnErrorWithAFix() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            CliRun.Result missing = cli(f.home, "test", "nope");
            assertEquals(1, missing.code());
            assertTrue(missing.err().contains("fix: pick one of: acme"), missing.err());
            assertEquals(2, cli(f.home, "test", "acme", "--timeout", "0").code());
            CliRun.Result badProxy = cli(f.home, "test", "acme", "--via-proxy", "localhost");
            assertTrue(badProxy.err().contains("--via-proxy http://127.0.0.1:PORT"), badProxy.err());
        }
    }
}
