package io.signalbox.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.testing.AppFixture;
import io.signalbox.client.Switcher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The switch notification says which clients really follow the new profile. */
class ProfileSwitcherTest {
    @TempDir
    Path dir;

    @Test
    void aSwitchToAnAnthropicProfileSaysClaudeCodeFollowsAndCodexStays() throws Exception {
        try (AppFixture f = new AppFixture(dir)) {
            ProfileSwitcher.Switched s = ProfileSwitcher.clientConfigs(f.signalbox).use("lab");
            assertEquals("lab", s.profile());
            assertEquals("Claude Code now uses lab.", s.summary().substring(0, "Claude Code now uses lab.".length()));
        }
    }

    @Test
    void theSummaryNamesEveryClientThatStaysBehind() {
        String s = ProfileSwitcher.summary("gw", List.of(
                new Switcher.Outcome("claude", Path.of("a"), true, "gw", ""),
                new Switcher.Outcome("codex", Path.of("b"), true, "resp", "pinned")));
        assertEquals("Claude Code now uses gw. Codex stays on its own profile: it cannot use gw (see signalbox status).", s);
        assertEquals("Claude Code and Codex now use gw.", ProfileSwitcher.summary("gw", List.of(
                new Switcher.Outcome("claude", Path.of("a"), true, "gw", ""),
                new Switcher.Outcome("codex", Path.of("b"), true, "gw", ""))));
    }

    @Test
    void aSwitchToAProfileWithoutAStoredKeySaysRequestsWillGet401AndWhereToAddIt() throws Exception {
        try (AppFixture f = new AppFixture(dir)) {
            f.signalbox.secrets().delete("lab");
            String s = ProfileSwitcher.clientConfigs(f.signalbox).use("lab").summary();
            assertTrue(s.contains("No API key is stored for lab") && s.contains("401") && s.contains("API key"), s);
            assertFalse(ProfileSwitcher.clientConfigs(f.signalbox).use("work").summary().contains("No API key"));
            assertTrue(ProfileSwitcher.settingsOnly(f.signalbox).use("lab").summary().contains("No API key"));
        }
    }
}
