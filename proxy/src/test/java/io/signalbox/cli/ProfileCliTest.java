package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.CliRun.Result;
import io.signalbox.testsupport.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ProfileCliTest {
    static final String KEY = "sk-test-SECRET-7f3a9c";

    @TempDir
    Path tmp;
    TestHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(tmp);
    }

    @Test
    void addWithKeyFromStdinThenShowJsonSaysKeyStoredAndNeverShowsTheKey() throws Exception {
        Result add = CliRun.withStdin(home, KEY + "\n", "profile", "add", "ds", "--preset", "deepseek", "--key-stdin");
        assertEquals(0, add.code(), add.all());
        Result show = CliRun.run(home, "profile", "show", "ds", "--json");
        assertEquals(0, show.code(), show.all());
        JsonNode j = Json.MAPPER.readTree(show.out());
        assertTrue(j.get("keyStored").asBoolean());
        assertEquals("https://api.deepseek.com/anthropic", j.get("baseUrl").asString());
        assertEquals("deepseek-chat", j.get("models").get("sonnet").asString());
        assertFalse(add.all().contains(KEY));
        assertFalse(show.all().contains(KEY));
        // The key sits only in the (opt-in, 0600) file store; no other file under SIGNALBOX_HOME has it.
        List<Path> withKey = filesContaining(home.signalboxHome, KEY);
        assertEquals(List.of(home.signalboxHome.resolve("secrets.json")), withKey);
        assertFalse(Files.readString(home.signalboxHome.resolve("profiles.json")).contains("sk-"));
    }

    @Test
    void theThinkingModeIsSetShownAndRefusedWithItsChoicesWhenUnknown() throws Exception {
        assertEquals(0, CliRun.withStdin(home, KEY, "profile", "add", "ds", "--preset", "deepseek", "--key-stdin").code());
        assertFalse(CliRun.run(home, "profile", "show", "ds", "--json").out().contains("thinking"), "pass is the default");
        Result bad = CliRun.run(home, "profile", "edit", "ds", "--thinking", "sometimes");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().contains("unknown thinking mode 'sometimes'") && bad.err().contains("'enabled'"), bad.err());
        assertEquals(0, CliRun.run(home, "profile", "edit", "ds", "--thinking", "enabled").code());
        assertEquals("enabled", Json.MAPPER.readTree(CliRun.run(home, "profile", "show", "ds", "--json").out())
                .get("thinking").asString());
        assertTrue(CliRun.run(home, "profile", "show", "ds").out().contains("adaptive thinking is sent as enabled"));
        assertTrue(Files.readString(home.signalboxHome.resolve("profiles.json")).contains("\"thinking\" : \"enabled\"")
                || Files.readString(home.signalboxHome.resolve("profiles.json")).contains("\"thinking\": \"enabled\""));
        assertEquals(0, CliRun.run(home, "profile", "edit", "ds", "--thinking", "pass").code());
        assertFalse(Files.readString(home.signalboxHome.resolve("profiles.json")).contains("thinking"));
    }

    @Test
    void theFileStoreWarnsEveryTimeItIsUsed() {
        Result r = CliRun.withStdin(home, KEY, "profile", "add", "ds", "--preset", "deepseek", "--key-stdin");
        assertTrue(r.err().contains("plain file"), r.err());
        Result list = CliRun.run(home, "profile", "list");
        assertTrue(list.err().contains("plain file"), list.err());
    }

    @Test
    void listShowsEveryProfileWithItsKeyState() {
        CliRun.withStdin(home, KEY, "profile", "add", "ds", "--preset", "deepseek", "--key-stdin");
        CliRun.run(home, "profile", "add", "local", "--preset", "ollama");
        CliRun.run(home, "profile", "add", "gw", "--base-url", "https://gw.example.com", "--auth", "x-api-key");
        Result r = CliRun.run(home, "profile", "list");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*ds .*stored.*"), r.out());
        assertTrue(r.out().matches("(?s).*local .*not needed.*"), r.out());
        assertTrue(r.out().matches("(?s).*gw .*MISSING.*"), r.out());
        Result json = CliRun.run(home, "profile", "list", "--json");
        assertEquals(3, Json.MAPPER.readTree(json.out()).size());
    }

    @Test
    void modelAndHeaderOptionsBuildTheModelMap() throws Exception {
        Result r = CliRun.run(home, "profile", "add", "gw", "--base-url", "https://gw.example.com/",
                "--model", "opus=big", "--model", "claude-*haiku*=small", "--model", "default=mid",
                "--header", "X-Team=platform", "--format", "anthropic", "--auth", "bearer", "--notes", "team gateway");
        assertEquals(0, r.code(), r.all());
        JsonNode j = Json.MAPPER.readTree(CliRun.run(home, "profile", "show", "gw", "--json").out());
        assertEquals("https://gw.example.com", j.get("baseUrl").asString());
        assertEquals("big", j.get("models").get("opus").asString());
        assertEquals("mid", j.get("models").get("default").asString());
        assertEquals("claude-*haiku*", j.get("models").get("rules").get(0).get("match").asString());
        assertEquals("platform", j.get("headers").get("X-Team").asString());
    }

    @Test
    void editChangesFieldsRenamesWithTheKeyAndRemoveDeletesTheKey() throws Exception {
        CliRun.withStdin(home, KEY, "profile", "add", "ds", "--preset", "deepseek", "--key-stdin");
        Result e = CliRun.run(home, "profile", "edit", "ds", "--rename", "deep", "--model", "sonnet=deepseek-reasoner",
                "--unset-model", "opus");
        assertEquals(0, e.code(), e.all());
        JsonNode j = Json.MAPPER.readTree(CliRun.run(home, "profile", "show", "deep", "--json").out());
        assertTrue(j.get("keyStored").asBoolean());
        assertEquals("deepseek-reasoner", j.get("models").get("sonnet").asString());
        assertTrue(j.get("models").get("opus") == null);
        assertEquals(0, CliRun.run(home, "profile", "remove", "deep").code());
        assertFalse(Files.readString(home.signalboxHome.resolve("secrets.json")).contains(KEY));
    }

    @Test
    void usageErrorsExitTwoAndRuntimeFailuresExitOneBothNamingTheFix() {
        Result usage = CliRun.run(home, "profile", "add");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("fix:"), usage.err());
        Result unknown = CliRun.run(home, "profil");
        assertEquals(2, unknown.code());
        Result missing = CliRun.run(home, "profile", "show", "nope");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no profile named 'nope'"), missing.err());
        assertTrue(missing.err().contains("fix: create one first"), missing.err());
        Result badPreset = CliRun.run(home, "profile", "add", "x", "--preset", "nope");
        assertEquals(1, badPreset.code());
        assertTrue(badPreset.err().contains("deepseek"), badPreset.err());
        Result emptyKey = CliRun.withStdin(home, "", "profile", "add", "x", "--preset", "deepseek", "--key-stdin");
        assertEquals(1, emptyKey.code());
        assertTrue(emptyKey.err().contains("standard input was empty"));
        assertEquals("", usage.out());
    }

    @Test
    void aMalformedProfilesFileMakesEveryCommandFailWithPathLineAndColumn() throws Exception {
        Files.createDirectories(home.signalboxHome);
        Path f = home.signalboxHome.resolve("profiles.json");
        byte[] broken = "{\"schemaVersion\": 1,\n\"profiles\": [\n  {\"name\": \"a\" \"baseUrl\": 1}\n]}".getBytes(StandardCharsets.UTF_8);
        Files.write(f, broken);
        for (String[] cmd : List.of(new String[] {"profile", "list"}, new String[] {"profile", "show", "a"},
                new String[] {"profile", "add", "b", "--preset", "deepseek"}, new String[] {"profile", "remove", "a"},
                new String[] {"profile", "edit", "a", "--notes", "x"}, new String[] {"profile", "list", "--json"})) {
            Result r = CliRun.run(home, cmd);
            assertEquals(1, r.code(), String.join(" ", cmd) + ": " + r.all());
            assertTrue(r.err().contains(f + ":3:"), r.err());
            assertTrue(r.err().contains("line 3, column"), r.err());
        }
        assertArrayEquals(broken, Files.readAllBytes(f));
    }

    @Test
    void versionAndPresetsWork() throws Exception {
        Result v = CliRun.run(home, "--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("signalbox "), v.out());
        Result p = CliRun.run(home, "presets", "--json");
        assertTrue(Json.MAPPER.readTree(p.out()).size() >= 13);
        assertTrue(CliRun.run(home, "presets").out().contains("openrouter"));
    }

    static List<Path> filesContaining(Path dir, String needle) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(needle);
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }
}
