package io.signalbox.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.window.AppStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, start at login and the theme, without a display. */
class SettingsViewModelTest {
    @TempDir
    Path dir;
    AppFixture f;
    AppServices s;

    @BeforeEach
    void setUp() throws Exception {
        f = new AppFixture(dir);
        s = f.services(Runnable::run);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void savingWritesPortModeAndClientsToSettingsJson() {
        s.settings.port().set("5123");
        s.settings.mode().set("direct");
        s.settings.codex().set(false);
        assertTrue(s.settings.save());
        var st = f.signalbox.settings().stored();
        assertEquals(5123, st.port());
        assertEquals("direct", st.mode());
        assertEquals(List.of("claude"), st.clients());
    }

    @Test
    void theFailoverCooldownIsSavedToSettingsJsonAndABadOneIsRefusedWithNothingSaved() {
        assertEquals("30", s.settings.cooldown().get(), "the default");
        assertTrue(s.settings.save());
        assertEquals(null, f.signalbox.settings().stored().failoverCooldownSeconds(), "the default is not written");

        s.settings.cooldown().set(" 0 ");
        assertTrue(s.settings.save());
        assertEquals(0, f.signalbox.settings().stored().failoverCooldownSeconds());

        for (String bad : new String[] {"-5", "3601", "1m", ""}) {
            s.settings.cooldown().set(bad);
            s.settings.mode().set("direct");
            assertFalse(s.settings.save(), bad);
            assertTrue(s.settings.message().get().contains("not a number of seconds from 0 to 3600"),
                    s.settings.message().get());
            assertEquals(0, f.signalbox.settings().stored().failoverCooldownSeconds(), "nothing saved");
            assertEquals("proxy", f.signalbox.settings().stored().modeOrDefault(), "nothing saved");
        }
        s.settings.reload();
        assertEquals("0", s.settings.cooldown().get());
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithTheReason() {
        s.settings.port().set("80a");
        assertNotNull(s.settings.portError().get());
        assertFalse(s.settings.save());
        assertTrue(s.settings.message().get().contains("not a TCP port"));
    }

    private String claudeBaseUrl() throws Exception {
        var root = io.signalbox.common.Json.MAPPER.readTree(Files.readAllBytes(f.root.resolve("claude/settings.json")));
        return root.path("env").path("ANTHROPIC_BASE_URL").asString();
    }

    /** The app as it runs: the proxy on the settings' port, Claude Code and Codex pointed at it. */
    private int runningOnTheSettingsPort() throws Exception {
        int first = io.signalbox.app.engine.PortProbe.freePort();
        f.signalbox.settings().update(x -> x.withPort(first));
        f.proxy.start(first);
        io.signalbox.app.engine.ProfileSwitcher.clientConfigs(f.signalbox).use("work");
        s.settings.reload();
        assertEquals("http://127.0.0.1:" + first, claudeBaseUrl());
        return first;
    }

    @Test
    void aNewPortAppliesAtOnceTheProxyMovesThereAndClaudeCodeIsPointedAtIt() throws Exception {
        int first = runningOnTheSettingsPort();
        int second = io.signalbox.app.engine.PortProbe.freePort();

        s.settings.port().set(Integer.toString(second));
        assertTrue(s.settings.save(), s.settings.message().get());

        assertEquals(second, f.proxy.port());
        assertEquals(second, f.signalbox.settings().stored().port());
        assertEquals("http://127.0.0.1:" + second, claudeBaseUrl());
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode(), "the proxy serves on the new port");
        assertEquals(second, s.tray.port().get(), "the tray's tooltip names the new port");
        String said = s.settings.message().get();
        assertTrue(said.contains("now listens on port " + second) && said.contains("Claude Code")
                && said.contains("still use port " + first), said);
        AppFixture.await(() -> io.signalbox.app.engine.PortProbe.isFree(first)); // the old listener closes
    }

    @Test
    void aPortAnotherProgramHoldsIsRefusedAndTheProxyAndEveryFileStayAsTheyWere() throws Exception {
        int first = runningOnTheSettingsPort();
        String settingsBefore = Files.readString(f.signalbox.home().resolve("settings.json"));
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.settings.port().set(Integer.toString(taken.getLocalPort()));
            assertFalse(s.settings.save());
            String said = s.settings.message().get();
            assertTrue(said.contains("Port " + taken.getLocalPort() + " is in use") && said.contains("stays on port "
                    + first), said);
        }
        assertEquals(first, f.proxy.port());
        assertEquals(settingsBefore, Files.readString(f.signalbox.home().resolve("settings.json")));
        assertEquals("http://127.0.0.1:" + first, claudeBaseUrl());
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
    }

    @Test
    void startAtLoginWritesAnAutostartEntryInTheTestHomeAndRemovesItAgain() throws Exception {
        Path entry = f.env.userHome().resolve(".config/autostart/signalbox.desktop");
        s.settings.startAtLogin().set(true);
        assertTrue(s.settings.save());
        assertTrue(Files.readString(entry).contains("Exec=signalbox-app --hidden"));
        s.settings.startAtLogin().set(false);
        assertTrue(s.settings.save());
        assertFalse(Files.exists(entry));
    }

    @Test
    void theFieldSaysWhenSignalboxPortOverridesTheSavedPortAndWhereTheProxyReallyListens() throws Exception {
        int port = io.signalbox.app.engine.PortProbe.freePort();
        try (AppFixture g = new AppFixture(dir.resolve("env-port"), java.util.Map.of("SIGNALBOX_PORT",
                Integer.toString(port)))) {
            g.startProxyOn(port);
            AppServices t = g.services(Runnable::run);
            assertEquals(Integer.toString(g.signalbox.settings().stored().portOrDefault()), t.settings.port().get());
            assertTrue(t.settings.portNote().get().contains("SIGNALBOX_PORT=" + port
                    + " in the environment overrides this setting; the proxy listens on port " + port),
                    t.settings.portNote().get());
        }
        assertEquals("", s.settings.portNote().get(), "without the variable the field is the truth");
    }

    @Test
    void theThemeIsRememberedInAppState() {
        s.settings.theme().set(Theme.DARK);
        assertEquals("DARK", new AppStateStore(f.signalbox.home()).load().theme());
        assertEquals(Theme.DARK, f.services(Runnable::run).theme.get());
    }
}
