package io.signalbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file Signalbox cannot parse is named with line:column, a short reason and the fix; no parser internals. */
class MalformedFilesMessageTest {
    @TempDir
    Path tmp;
    TestHome h;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHome(tmp);
        Files.createDirectories(h.signalboxHome);
    }

    private static void clean(CliRun.Result r) {
        assertEquals(1, r.code(), r::all);
        for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "byte offset", "#UNKNOWN", "java.",
                "`", "(code ", "ALLOW_COMMENTS")) {
            assertFalse(r.err().contains(internal), "'" + internal + "' in: " + r.err());
        }
        assertTrue(r.err().contains("  fix: "), r.err());
    }

    @Test
    void anUnclosedObjectInClaudesSettingsSaysWhereAndThatItEndsTooEarly() throws Exception {
        Path f = h.claudeDir.resolve("settings.json");
        Files.writeString(f, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://x\"");
        CliRun.Result r = CliRun.run(h, "import", "claude");
        clean(r);
        assertTrue(r.err().contains(f + ":1:"), r.err());
        assertTrue(r.err().contains("the file ends too early"), r.err());
        assertTrue(r.err().contains("fix the file by hand at that line and column"), r.err());
    }

    @Test
    void signalboxsOwnSettingsFromANewerVersionOrWithValuesNoProxyCanUseAreRefusedBeforeAnyClientFileIsWritten()
            throws Exception {
        Path f = h.signalboxHome.resolve("settings.json");
        Path claude = h.claudeDir.resolve("settings.json");
        CliRun.Result add = CliRun.withStdin(h, "sk-a", "profile", "add", "a", "--base-url",
                "https://a.example/anthropic", "--format", "anthropic", "--key-stdin");
        assertEquals(0, add.code(), add::all);
        String[][] cases = {
            {"{\"schemaVersion\": 9, \"activeProfile\": \"a\", \"newfield\": true}", "was written by a newer Signalbox (schema 9"},
            {"{\"schemaVersion\": 1, \"port\": 99999}", "\"port\": 99999 is not a TCP port"},
            {"{\"schemaVersion\": 1, \"idleTimeoutSeconds\": -5}", "\"idleTimeoutSeconds\": -5 must be more than 0"},
            {"{\"schemaVersion\": 1, \"connectTimeoutSeconds\": 0}", "\"connectTimeoutSeconds\": 0 must be more than 0"},
            {"{\"schemaVersion\": 1, \"mode\": \"proxi\"}", "\"mode\": 'proxi' is neither proxy nor direct"},
            {"{\"schemaVersion\": 1, \"failoverCooldownSeconds\": -1}", "\"failoverCooldownSeconds\": -1 is not from 0 to 3600"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            for (String[] cmd : new String[][] {{"use", "a", "--clients", "claude"}, {"status"}, {"serve"}}) {
                CliRun.Result r = CliRun.run(h, cmd);
                clean(r);
                assertTrue(r.err().contains(f + ": " + c[1]) || r.err().contains(f + " " + c[1]),
                        () -> String.join(" ", cmd) + ": " + r.err());
            }
            assertEquals(c[0], Files.readString(f), "the file is left unchanged");
            assertFalse(Files.exists(claude), "no client file was written from it");
        }
    }

    @Test
    void twoProfilesOfTheSameNameAndAUsageDatabaseThatIsNotOneAreNamedWithTheirFix() throws Exception {
        CliRun.Result add = CliRun.withStdin(h, "sk-a", "profile", "add", "a", "--base-url",
                "https://a.example/anthropic", "--format", "anthropic", "--key-stdin");
        assertEquals(0, add.code(), add::all);
        Path profiles = h.signalboxHome.resolve("profiles.json");
        String text = Files.readString(profiles);
        int start = text.indexOf('{', text.indexOf('['));
        int end = text.lastIndexOf(']');
        String one = text.substring(start, end).strip();
        String twice = text.substring(0, end) + ", " + one.replace("\"a\"", "\"A\"") + text.substring(end);
        Files.writeString(profiles, twice);
        CliRun.Result r = CliRun.run(h, "profile", "list");
        clean(r);
        assertTrue(r.err().contains(profiles + " holds two profiles named 'A'"), r.err());
        assertEquals(twice, Files.readString(profiles));
        Files.writeString(profiles, text.replace("\"anthropic\"", "\"grpc\""));
        CliRun.Result format = CliRun.run(h, "profile", "list");
        clean(format);
        assertTrue(format.err().contains("\"format\": unknown API format 'grpc'"), format.err());
        assertTrue(format.err().contains("anthropic") && format.err().contains("openai-responses"), format.err());
        assertFalse(format.err().contains("cannot construct"), format.err());
        Files.writeString(profiles, text);

        Path db = h.signalboxHome.resolve("usage.db");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(db, junk);
        CliRun.Result log = CliRun.run(h, "log");
        assertEquals(1, log.code(), log::all);
        assertTrue(log.err().contains("not a readable SQLite database") && log.err().contains("mv " + db), log::all);
        org.junit.jupiter.api.Assertions.assertArrayEquals(junk, Files.readAllBytes(db));
    }

    @Test
    void aTestWhoseResultCannotBeKeptStillGivesItsVerdict() throws Exception {
        Path results = h.signalboxHome.resolve("preflight.json");
        Files.writeString(results, "{\"mock\": [");
        CliRun.Result add = CliRun.withStdin(h, "sk-a", "profile", "add", "a", "--base-url", "http://127.0.0.1:9",
                "--format", "anthropic", "--key-stdin");
        assertEquals(0, add.code(), add::all);
        CliRun.Result r = CliRun.run(h, "test", "a", "--timeout", "5");
        assertEquals(1, r.code(), r::all); // nothing listens on port 9: the verdict is the connection's
        assertTrue(r.err().contains("this result could not be kept for signalbox profile list: " + results), r::all);
        assertFalse(r.err().contains("signalbox: error:"), r::all);
        assertEquals("{\"mock\": [", Files.readString(results));
    }

    @Test
    void aCommentSaysTheFileMustBePlainJson() throws Exception {
        Path f = h.claudeDir.resolve("settings.json");
        byte[] text = "{\n  // my gateway\n  \"env\": {}\n}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(f, text);
        CliRun.Result r = CliRun.run(h, "import", "claude");
        clean(r);
        assertTrue(r.err().contains(f + ":2:3: not valid JSON (line 2, column 3): a comment"), r.err());
        assertTrue(r.err().contains("settings.json must be plain JSON, comments are not allowed there"), r.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(text, Files.readAllBytes(f));
    }

    @Test
    void signalboxsOwnSettingsAndProfilesAreReportedTheSameWay() throws Exception {
        Path settings = h.signalboxHome.resolve("settings.json");
        Files.writeString(settings, "{\n  \"port\": \"abc\"\n}\n");
        CliRun.Result r = CliRun.run(h, "status");
        clean(r);
        assertTrue(r.err().contains(settings + ":2:11: not valid settings JSON (line 2, column 11): \"port\" should be"
                + " a number"), r.err());
        Files.delete(settings);

        Path profiles = h.signalboxHome.resolve("profiles.json");
        Files.writeString(profiles, "{\"schemaVersion\": 1, \"profiles\": [}");
        r = CliRun.run(h, "profile", "list");
        clean(r);
        assertTrue(r.err().contains(profiles + ":1:"), r.err());
    }

    @Test
    void aTrailingCommaIsNamed() throws Exception {
        Files.writeString(h.claudeDir.resolve("settings.json"), "{\"env\": {\"A\": \"sk-ant-secret-value\",}}");
        CliRun.Result r = CliRun.run(h, "import", "claude");
        clean(r);
        assertTrue(r.err().contains("a comma before '}' has nothing after it"), r.err());
        assertFalse(r.err().contains("sk-ant-secret-value"), r.err());
    }
}
