package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that wants its key as {@code api-key: KEY} (Azure OpenAI, gateways built like it): the
 * key goes to the keychain with {@code --auth api-key}, never into {@code profiles.json} as a header.
 */
class ApiKeyAuthStyleTest {
    static final String KEY = "azk-SECRET-0f9e8d7c6b5a";
    static final String AZURE = "https://res.openai.azure.com/openai/v1";

    @TempDir
    Path tmp;
    TestHome h;
    Path profiles;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp);
        profiles = h.signalboxHome.resolve("profiles.json");
    }

    private void addAzure() {
        ok(sb(h, KEY, "profile", "add", "az", "--base-url", AZURE, "--format", "openai-responses", "--auth", "api-key",
                "--model", "default=gpt-5", "--key-stdin"));
    }

    @Test
    void aKeyGivenAsAnApiKeyHeaderIsRefusedWithTheStyleThatKeepsItInTheKeychain() throws Exception {
        CliRun.Result r = sb(h, null, "profile", "add", "az", "--base-url", AZURE, "--format", "openai-responses",
                "--header", "api-key=" + KEY);
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains("header 'api-key' carries the key"), r.err());
        assertTrue(r.err().contains("--auth api-key --key-stdin"), r.err());
        assertFalse(r.all().contains(KEY), r.all());
        assertFalse(Files.exists(profiles) && Files.readString(profiles).contains(KEY));

        addAzure();
        assertEquals("api-key", Json.MAPPER.readTree(ok(sb(h, null, "profile", "show", "az", "--json")).out())
                .path("auth").asString());
        assertFalse(Files.readString(profiles).contains(KEY));
        assertEquals(KEY, Signalbox.open(h.env(), w -> { }).secrets().get("az").orElseThrow());
    }

    @Test
    void aKeyAlreadyKeptInAnApiKeyHeaderIsKeptUntilTheUserMovesItAndTheEditSaysHow() throws Exception {
        // profiles.json from before api-key was a style: the key sits there as an extra header
        ok(sb(h, null, "profile", "add", "az", "--base-url", AZURE, "--format", "openai-responses",
                "--header", "X-Placeholder=" + KEY));
        Files.writeString(profiles, Files.readString(profiles).replace("X-Placeholder", "api-key"));

        CliRun.Result edit = sb(h, null, "profile", "edit", "az", "--notes", "work");
        assertEquals(1, edit.code(), edit::all);
        assertTrue(edit.err().contains("signalbox profile edit az --unset-header api-key --auth api-key --key-stdin"),
                edit.err());
        assertFalse(edit.all().contains(KEY), edit.all());
        assertTrue(Files.readString(profiles).contains(KEY), "nothing the user had is lost");

        ok(sb(h, KEY, "profile", "edit", "az", "--unset-header", "api-key", "--auth", "api-key", "--key-stdin"));
        assertFalse(Files.readString(profiles).contains(KEY));
        Profile p = Signalbox.open(h.env(), w -> { }).profiles().get("az");
        assertEquals(AuthStyle.API_KEY, p.auth());
        assertTrue(p.headers().isEmpty(), p.headers()::toString);
    }

    @Test
    void codexInDirectModeSendsTheKeyAsApiKeyAndClaudeCodeIsSentThroughTheProxy() throws Exception {
        addAzure();
        ok(sb(h, "sk-ant", "profile", "add", "gw", "--base-url", "https://gw.example/anthropic", "--auth", "api-key",
                "--key-stdin"));
        ok(sb(h, null, "use", "az", "--mode", "direct", "--clients", "codex"));
        String toml = Files.readString(h.codexHome.resolve("config.toml"));
        assertTrue(toml.contains("http_headers = { \"api-key\" = \"" + KEY + "\" }"), toml);
        assertFalse(toml.contains("experimental_bearer_token"), toml);

        Signalbox box = Signalbox.open(h.env(), w -> { });
        List<String> args = SessionVars.codexArgs(box, box.profiles().get("az"), SwitchMode.DIRECT);
        assertTrue(args.contains("model_providers.signalbox-session.env_http_headers={ \"api-key\" = \""
                + SessionVars.CODEX_KEY_VAR + "\" }"), args::toString);

        Path settings = h.claudeDir.resolve("settings.json");
        Files.writeString(settings, "{\"a\": 1}\n");
        CliRun.Result claude = sb(h, null, "use", "gw", "--mode", "direct", "--clients", "claude");
        assertEquals(1, claude.code(), claude::all);
        assertTrue(claude.err().contains("gw wants its key in an api-key header, which Claude Code cannot send in"
                + " direct mode"), claude.err());
        assertTrue(claude.err().contains("signalbox use gw (without --mode direct)"), claude.err());
        assertEquals("{\"a\": 1}\n", Files.readString(settings));

        ok(sb(h, null, "use", "gw", "--clients", "claude"));
        assertTrue(Files.readString(settings).contains("\"ANTHROPIC_BASE_URL\""));
    }

    @Test
    void importCodexTakesAnApiKeyHeaderAsTheKeyNotAsAProfileHeader() throws Exception {
        Path config = h.codexHome.resolve("config.toml");
        Files.writeString(config, "model_provider = \"azure\"\nmodel = \"gpt-5\"\n\n[model_providers.azure]\n"
                + "name = \"Azure\"\nbase_url = \"" + AZURE + "\"\nwire_api = \"responses\"\n"
                + "http_headers = { \"api-key\" = \"" + KEY + "\", \"X-Team\" = \"ml\" }\n");
        CliRun.Result r = ok(sb(h, null, "import", "codex", "--name", "az"));
        assertFalse(r.all().contains(KEY), r.all());
        Signalbox box = Signalbox.open(h.env(), w -> { });
        Profile p = box.profiles().get("az");
        assertEquals(AuthStyle.API_KEY, p.auth());
        assertEquals(java.util.Map.of("X-Team", "ml"), p.headers());
        assertEquals(KEY, box.secrets().get("az").orElseThrow());
        assertFalse(Files.readString(profiles).contains(KEY));

        h.set("AZURE_OPENAI_API_KEY", KEY + "-env");
        Files.writeString(config, "model_provider = \"azure\"\n\n[model_providers.azure]\nname = \"Azure\"\n"
                + "base_url = \"" + AZURE + "\"\nenv_http_headers = { \"api-key\" = \"AZURE_OPENAI_API_KEY\" }\n");
        ok(sb(h, null, "import", "codex", "--name", "az2"));
        box = Signalbox.open(h.env(), w -> { });
        assertEquals(AuthStyle.API_KEY, box.profiles().get("az2").auth());
        assertEquals(KEY + "-env", box.secrets().get("az2").orElseThrow());
    }
}
