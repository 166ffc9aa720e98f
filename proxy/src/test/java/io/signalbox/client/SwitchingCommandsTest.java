package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** use, restore and their safety rules, through the command line. */
class SwitchingCommandsTest {
    @TempDir
    Path tmp;
    TestHome h;
    Path settings;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp);
        SwitchingPropertyTest.addProfiles(h);
        settings = h.claudeDir.resolve("settings.json");
        config = h.codexHome.resolve("config.toml");
    }

    private JsonNode env() throws Exception {
        return Json.MAPPER.readTree(Files.readAllBytes(settings)).path("env");
    }

    private String token() throws Exception {
        return Files.readString(h.signalboxHome.resolve("local-token")).strip();
    }

    @Test
    void useInProxyModePointsEachClientAtTheLocalProxyAndKeepsTheRealKeyOut() throws Exception {
        h.set("SIGNALBOX_PORT", "5999");
        Files.writeString(settings, "{\n  \"env\": {\"ANTHROPIC_API_KEY\": \"users-own\", \"MINE\": \"1\"}\n}\n");
        CliRun.Result c = ok(sb(h, null, "use", "C", "--clients", "codex"));
        String toml = Files.readString(config);
        CliRun.Result r = ok(sb(h, null, "use", "A", "--clients", "claude"));
        JsonNode env = env();
        assertEquals("http://127.0.0.1:5999", env.get("ANTHROPIC_BASE_URL").asString());
        assertEquals(token(), env.get("ANTHROPIC_AUTH_TOKEN").asString());
        assertNull(env.get("ANTHROPIC_API_KEY"), "exactly one credential variable");
        assertEquals("1", env.get("MINE").asString());
        assertEquals("claude-signalbox-opus", env.get("ANTHROPIC_DEFAULT_OPUS_MODEL").asString());
        assertTrue(toml.contains("base_url = \"http://127.0.0.1:5999/v1\""), toml);
        assertTrue(toml.contains("model_provider = \"signalbox\""), toml);
        for (String text : new String[] {Files.readString(settings), toml, r.all(), c.all()}) {
            assertFalse(text.contains("sk-ant-a") || text.contains("sk-oai-c"), "the real key leaked: " + text);
        }
        JsonNode st = Json.MAPPER.readTree(Files.readAllBytes(h.signalboxHome.resolve("settings.json")));
        assertEquals("A", st.get("activeProfile").asString());
        assertEquals("proxy", st.get("mode").asString());
    }

    @Test
    void useInDirectModeWritesTheProvidersKeyInItsHeaderStyleWarnsAndMakesTheFileOwnerOnly() throws Exception {
        Files.writeString(settings, "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"old\"}}");
        CliRun.Result r = ok(sb(h, null, "use", "B", "--mode", "direct", "--clients", "claude"));
        JsonNode env = env();
        assertEquals("https://b.example/api", env.get("ANTHROPIC_BASE_URL").asString());
        assertEquals("sk-ant-b", env.get("ANTHROPIC_API_KEY").asString());
        assertNull(env.get("ANTHROPIC_AUTH_TOKEN"));
        assertEquals("b-one", env.get("ANTHROPIC_MODEL").asString());
        assertTrue(r.err().contains("plaintext"), r.err());
        assertFalse(r.all().contains("sk-ant-b"), r.all());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
        assertFalse(Files.exists(config), "codex was not asked for");
    }

    @Test
    void directModeForAProfileTheClientCannotSpeakLeavesThatClientsFileAloneAndSaysWhy() throws Exception {
        Files.writeString(settings, "{\"a\": 1}\n");
        CliRun.Result r = ok(sb(h, null, "use", "C", "--mode", "direct"));
        assertEquals("{\"a\": 1}\n", Files.readString(settings));
        assertTrue(r.err().contains("claude: C speaks the OpenAI Responses API; Claude Code speaks the Anthropic"
                + " Messages API"), r.err());
        assertTrue(r.err().contains("stays on what it had"), r.err());
        assertTrue(Files.readString(config).contains("base_url = \"https://c.example/v1\""));
    }

    @Test
    void malformedSettingsJsonIsRefusedNamingPathLineAndColumnAndNothingIsWritten() throws Exception {
        byte[] bad = "{\n  \"env\": {\n    \"X\": 1,,\n  }\n}\n".getBytes();
        Files.write(settings, bad);
        CliRun.Result r = sb(h, null, "use", "A");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(settings + ":3:"), r.err());
        assertTrue(r.err().contains("line 3, column"), r.err());
        assertTrue(r.err().contains("fix:"), r.err());
        assertArrayEquals(bad, Files.readAllBytes(settings));
        assertFalse(Files.exists(config), "nothing is written when one file is malformed");
    }

    @Test
    void malformedConfigTomlIsRefusedNamingPathLineAndColumnAndLeftUnchanged() throws Exception {
        byte[] bad = "model = \"o3\"\n[tui\nx = 1\n".getBytes();
        Files.write(config, bad);
        CliRun.Result r = sb(h, null, "use", "C", "--clients", "codex");
        assertEquals(1, r.code());
        assertTrue(r.err().matches("(?s).*" + java.util.regex.Pattern.quote(config.toString()) + ":\\d+:\\d+: not valid TOML.*"),
                r.err());
        assertTrue(r.err().contains("fix:"), r.err());
        assertArrayEquals(bad, Files.readAllBytes(config));
    }

    @Test
    void aFileRewrittenByAnotherProgramDuringAUseIsMergedAgainNotOverwritten() throws Exception {
        Files.writeString(settings, "{\n  \"theme\": \"dark\"\n}\n");
        Signalbox box = Signalbox.open(h.env(), w -> { });
        ManagedFile f = new Switcher(box).file("claude");
        int[] calls = {0};
        f.beforeCommit = () -> {
            if (calls[0]++ == 0) {
                try {
                    Files.writeString(settings, "{\n  \"theme\": \"dark\",\n  \"statusLine\": {\"type\": \"command\"}\n}\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        f.use(Map.of("ANTHROPIC_MODEL", "\"m\""), false);
        assertEquals(2, calls[0], "merged twice");
        assertEquals("{\n  \"theme\": \"dark\",\n  \"statusLine\": {\"type\": \"command\"},\n  \"env\": {\n"
                + "    \"ANTHROPIC_MODEL\": \"m\"\n  }\n}\n", Files.readString(settings));
    }

    @Test
    void theFirstUseKeepsThePristineOriginalBesideAtMostTenRollingBackups() throws Exception {
        String original = "{\"mine\": true}\n";
        Files.writeString(settings, original);
        for (int i = 0; i < 13; i++) {
            ok(sb(h, null, "use", i % 2 == 0 ? "A" : "B", "--clients", "claude"));
        }
        Path backups = h.signalboxHome.resolve("backups");
        try (var s = Files.list(backups)) {
            var names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("claude-settings.json")).toList();
            assertEquals(10, names.stream().filter(n -> n.endsWith(".bak")).count(), names.toString());
            Path orig = backups.resolve(names.stream().filter(n -> n.endsWith(".original")).findFirst().orElseThrow());
            assertEquals(original, Files.readString(orig));
        }
    }

    @Test
    void restoreAfterTheUserEditedTheFileKeepsTheEditAndPutsBackTheirOwnValues() throws Exception {
        Files.writeString(settings, "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"mine\"\n  }\n}\n");
        ok(sb(h, null, "use", "A", "--clients", "claude"));
        String used = Files.readString(settings);
        Files.writeString(settings, used.replace("{\n  \"env\"", "{\n  \"theme\": \"light\",\n  \"env\""));
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals("{\n  \"theme\": \"light\",\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"mine\"\n  }\n}\n",
                Files.readString(settings));
    }

    @Test
    void aKeySignalboxStopsSettingGetsTheUsersOwnValueBackWithoutARestore() throws Exception {
        ok(sb(h, "sk-n", "profile", "add", "N", "--base-url", "https://n.example", "--format", "anthropic",
                "--key-stdin"));
        ok(sb(h, "sk-d", "profile", "add", "D", "--base-url", "https://d.example/v1", "--format", "openai-responses",
                "--key-stdin"));
        Files.writeString(settings, "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"mine\",\n    \"MINE\": \"1\"\n  }\n}\n");
        Files.writeString(config, "model = \"o3\"\napproval_policy = \"never\"\n");

        ok(sb(h, null, "use", "A", "--clients", "claude"));
        assertEquals("claude-signalbox-default", env().get("ANTHROPIC_MODEL").asString());
        ok(sb(h, null, "use", "N", "--clients", "claude"));
        assertEquals("mine", env().get("ANTHROPIC_MODEL").asString(), "N has no model map: the user's model again");
        assertNull(env().get("ANTHROPIC_DEFAULT_OPUS_MODEL"), "the user had none");

        ok(sb(h, null, "use", "C", "--clients", "codex"));
        assertTrue(Files.readString(config).startsWith("model = \"gpt-c\"\n"), Files.readString(config));
        ok(sb(h, null, "use", "D", "--clients", "codex"));
        assertTrue(Files.readString(config).startsWith("model = \"o3\"\napproval_policy = \"never\"\n"
                + "model_provider = \"signalbox\"\n"), Files.readString(config));

        ok(sb(h, null, "restore"));
        assertEquals("{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"mine\",\n    \"MINE\": \"1\"\n  }\n}\n",
                Files.readString(settings));
        assertEquals("model = \"o3\"\napproval_policy = \"never\"\n", Files.readString(config));
    }

    @Test
    void aSettingsFileWithAByteOrderMarkOrCodexInlineProviderTablesGetsAClearErrorAndStaysAsItWas() throws Exception {
        byte[] bom = "\uFEFF{\"env\": {\"FOO\": \"bar\"}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(settings, bom);
        CliRun.Result r = sb(h, null, "use", "B", "--clients", "claude");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains(settings + " starts with a byte-order mark"), r::all);
        assertTrue(!r.err().contains("internal error") && !r.err().contains("Exception"), r::all);
        assertTrue(java.util.Arrays.equals(bom, Files.readAllBytes(settings)), "the file is unchanged");

        for (String toml : List.of(
                "model = \"o3\"\nmodel_providers = { azure = { name = \"Azure\", base_url = \"https://a.example/v1\" } }\n",
                "model = \"o3\"\n[model_providers]\nsignalbox = { name = \"mine\", base_url = \"http://x/v1\" }\n")) {
            Files.writeString(config, toml);
            CliRun.Result c = sb(h, null, "use", "C", "--clients", "codex");
            assertEquals(1, c.code(), c::all);
            assertTrue(!c.err().contains("internal error") && !c.err().contains("Exception"), c::all);
            assertTrue(c.err().contains(config.toString()) && c.err().contains("model_providers"), c::all);
            assertEquals(toml, Files.readString(config), "the file is unchanged");
        }
    }

    @Test
    void afterRestoreOrRemovingTheProfileNoBackupHoldsAKeyThatADirectModeUsePutIntoAClientFile() throws Exception {
        Files.writeString(settings, "{\"env\": {\"MINE\": \"1\"}}\n");
        ok(sb(h, "sk-direct-key-AAAA1111BBBB2222", "profile", "add", "dk", "--base-url",
                "https://d.example/anthropic", "--format", "anthropic", "--key-stdin"));
        ok(sb(h, null, "use", "dk", "--mode", "direct", "--clients", "claude"));
        ok(sb(h, null, "use", "B", "--clients", "claude")); // backs up the file that held the key
        Path backups = h.signalboxHome.resolve("backups");
        assertTrue(holdKey(backups, "sk-direct-key-AAAA1111BBBB2222") > 0, "the scenario puts the key in a backup");
        CliRun.Result r = ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals(0, holdKey(backups, "sk-direct-key-AAAA1111BBBB2222"), r::all);
        assertTrue(r.out().contains("removed provider keys from "), r::all);

        ok(sb(h, null, "use", "dk", "--mode", "direct", "--clients", "claude"));
        ok(sb(h, null, "use", "B", "--clients", "claude"));
        ok(sb(h, null, "profile", "remove", "dk"));
        assertEquals(0, holdKey(backups, "sk-direct-key-AAAA1111BBBB2222"), "removing the profile removes its key");
    }

    private static long holdKey(Path dir, String key) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> {
                try {
                    return Files.readString(p).contains(key);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }

    @Test
    void aClientFileItsOwnerMadeReadOnlyIsLeftAloneWithTheFix() throws Exception {
        Files.writeString(settings, "{\"env\": {}}\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("r--r--r--"));
        CliRun.Result r = sb(h, null, "use", "B", "--clients", "claude");
        assertEquals(1, r.code(), r::all);
        assertTrue(r.err().contains(settings + " is read-only (mode r--r--r--)") && r.err().contains("chmod u+w"),
                r::all);
        assertEquals("{\"env\": {}}\n", Files.readString(settings));
        assertNull(Signalbox.open(h.env(), w -> { }).settings().load().activeProfile(), "the switch did not happen");
    }

    @Test
    void aSettingsFileLinkedFromTheUsersDotfilesStaysALinkThroughUseAndRestore() throws Exception {
        Path dotfiles = Files.createDirectories(h.root.resolve("dotfiles")).resolve("settings.json");
        String original = "{\"env\": {\"FOO\": \"bar\"}}\n";
        Files.writeString(dotfiles, original);
        Files.createSymbolicLink(settings, dotfiles);
        ok(sb(h, null, "use", "B", "--clients", "claude"));
        assertTrue(Files.isSymbolicLink(settings), "use replaced the link with a file");
        assertTrue(Files.readString(dotfiles).contains("ANTHROPIC_BASE_URL"), "the linked file holds the profile");
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertTrue(Files.isSymbolicLink(settings), "restore left a file instead of the link");
        assertEquals(original, Files.readString(dotfiles));
    }

    @Test
    void restoreWithTheBackupsDeletedTakesSignalboxsEntriesOutAndNeverDeletesTheUsersFile() throws Exception {
        String original = "{\n  \"env\": {\"X\": \"1\"},\n  \"theme\": \"dark\"\n}\n";
        Files.writeString(settings, original);
        ok(sb(h, null, "use", "B", "--clients", "claude"));
        Path backups = h.signalboxHome.resolve("backups");
        try (var files = Files.walk(backups)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p); // the user cleaned up Signalbox's backups
            }
        }
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertTrue(Files.exists(settings), "restore deleted the user's settings.json");
        String after = Files.readString(settings);
        assertTrue(after.contains("\"X\": \"1\"") && after.contains("\"theme\": \"dark\""), after);
        assertTrue(!after.contains("ANTHROPIC_"), after);
    }

    @Test
    void aProxyModeUseMakesTheFileHoldingTheLocalTokenReadableOnlyByTheUserAndRestoreGivesBackItsMode()
            throws Exception {
        String original = "{\"env\": {\"MINE\": \"1\"}}\n";
        Files.writeString(settings, original);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(config, "model = \"o3\"\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));
        ok(sb(h, null, "use", "B", "--mode", "proxy", "--clients", "claude"));
        assertTrue(Files.readString(settings).contains("ANTHROPIC_AUTH_TOKEN"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)),
                "another local user could read the token and spend the key through the proxy");
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals(original, Files.readString(settings));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
    }

    @Test
    void restoreGivesBackTheFilesPermissionsThatADirectModeUseTightened() throws Exception {
        String original = "{\"env\": {\"MINE\": \"1\"}}\n";
        Files.writeString(settings, original);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));
        ok(sb(h, null, "use", "B", "--mode", "direct", "--clients", "claude"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));

        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals(original, Files.readString(settings));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));

        // also when the file changed after Signalbox wrote it (restore merges instead of copying back)
        ok(sb(h, null, "use", "B", "--mode", "direct", "--clients", "claude"));
        Files.writeString(settings, Files.readString(settings).replace("{\"env\"", "{\"theme\": \"dark\", \"env\""));
        ok(sb(h, null, "restore", "--clients", "claude"));
        assertEquals("{\"theme\": \"dark\", \"env\": {\"MINE\": \"1\"}}\n", Files.readString(settings));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
    }

    @Test
    void restoreRemovesAFileThatDidNotExistBeforeSignalbox() throws Exception {
        ok(sb(h, null, "use", "A"));
        ok(sb(h, null, "use", "C"));
        assertTrue(Files.exists(settings) && Files.exists(config));
        ok(sb(h, null, "restore"));
        assertFalse(Files.exists(settings) || Files.exists(config));
    }

    @Test
    void anUnknownProfileFailsOnStderrWithAFixAndAMissingNameIsAUsageError() {
        CliRun.Result r = sb(h, null, "use", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("fix:"), r.err());
        assertEquals("", r.out());
        assertEquals(2, sb(h, null, "use").code());
        CliRun.Result mode = sb(h, null, "use", "A", "--mode", "sideways");
        assertEquals(2, mode.code(), mode.all());
        assertTrue(mode.err().contains("use --mode proxy or --mode direct"), mode.err());
    }
}
