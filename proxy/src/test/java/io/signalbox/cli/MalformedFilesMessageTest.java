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
