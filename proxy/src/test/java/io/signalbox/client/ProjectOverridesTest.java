package io.signalbox.client;

import static io.signalbox.client.SwitchingPropertyTest.ok;
import static io.signalbox.client.SwitchingPropertyTest.sb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's own .claude/settings*.json that would win over the user settings Signalbox writes. */
class ProjectOverridesTest {
    @TempDir
    Path tmp;

    private static void write(Path file, String json) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void providerVariablesInTheProjectAndItsParentsUpToTheRepositoryRootAreReportedByFile() throws Exception {
        TestHome h = new TestHome(tmp);
        Path repo = tmp.resolve("code/repo");
        Path sub = Files.createDirectories(repo.resolve("services/api"));
        Files.createDirectories(repo.resolve(".git"));
        write(repo.resolve(".claude/settings.json"),
                "{\"env\":{\"ANTHROPIC_MODEL\":\"x\",\"DEBUG\":\"1\"},\"permissions\":{}}");
        write(sub.resolve(".claude/settings.local.json"), "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://x\","
                + "\"ANTHROPIC_AUTH_TOKEN\":\"t\"}}");
        write(sub.resolve(".claude/settings.json"), "{\"env\":{\"MY_OWN\":\"1\"}}");
        // above the repository root: not part of this project
        write(tmp.resolve("code/.claude/settings.json"), "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://y\"}}");
        List<Conflicts.ProjectOverride> found = Conflicts.projectOverrides(h.env(), sub);
        assertEquals(2, found.size(), found::toString);
        assertEquals(List.of("ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"), found.get(0).variables());
        assertEquals(sub.resolve(".claude/settings.local.json").toString(), found.get(0).file());
        assertEquals(List.of("ANTHROPIC_MODEL"), found.get(1).variables());
        assertTrue(found.get(1).describe().contains("project settings rank above your user settings"));
        assertTrue(found.get(0).describe().contains("signalbox run NAME -- claude"));
        assertTrue(found.stream().noneMatch(o -> o.describe().contains("http://")), "no values, only names");
    }

    @Test
    void theUsersOwnSettingsFileIsNotAProjectFileAndAMalformedOneIsSkipped() throws Exception {
        TestHome h = new TestHome(tmp);
        write(h.claudeDir.resolve("settings.json"), "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://x\"}}");
        assertEquals(List.of(), Conflicts.projectOverrides(h.env(), h.claudeDir.getParent()));
        Path p = tmp.resolve("broken");
        write(p.resolve(".claude/settings.json"), "{ not json");
        Files.createDirectories(p.resolve(".git"));
        assertEquals(List.of(), Conflicts.projectOverrides(h.env(), p));
    }

    @Test
    void useEnvAndStatusStartedInSuchAProjectSayWhichFileWins() throws Exception {
        TestHome h = new TestHome(tmp);
        Path repo = Files.createDirectories(tmp.resolve("repo/.git")).getParent();
        write(repo.resolve(".claude/settings.local.json"), "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://x\"}}");
        ok(sb(h, "sk-a", "profile", "add", "a", "--base-url", "https://a.example/anthropic", "--format", "anthropic",
                "--key-stdin"));
        h.set("PWD", repo.toString());
        String expected = "Claude Code started in " + repo + " ignores Signalbox for ANTHROPIC_BASE_URL";
        for (String[] cmd : new String[][] {{"use", "a", "--clients", "claude"}, {"env", "a"}, {"status"}}) {
            var r = ok(sb(h, null, cmd));
            assertTrue(r.err().contains(expected), () -> String.join(" ", cmd) + ": " + r.all());
        }
        h.set("PWD", tmp.toString());
        assertTrue(!ok(sb(h, null, "status")).err().contains("ignores Signalbox"), "elsewhere: nothing to say");
    }
}
