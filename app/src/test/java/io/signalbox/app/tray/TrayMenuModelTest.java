package io.signalbox.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.engine.ProxyState;
import io.signalbox.app.testing.AppFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tray menu's model, driven without a tray or a display. */
class TrayMenuModelTest {
    @TempDir
    Path dir;
    AppFixture f;
    AppServices s;

    @BeforeEach
    void setUp() throws Exception {
        f = new AppFixture(dir).startProxy();
        s = f.services(Runnable::run);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theMenuListsEveryProfileAndChecksTheActiveOne() {
        assertEquals(List.of("work", "lab"), s.tray.profiles());
        assertEquals("work", s.tray.checkedProfile().get());
    }

    @Test
    void theMenuAndTooltipSayWhatTodayCostSoFarAndFollowNewRequests() throws Exception {
        AppFixture.await(() -> "today: no requests yet".equals(s.tray.today().get()));
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> s.tray.today().get().equals("today $0.0081 · 1 request"));
        s.tray.switchTo("lab"); // lab has no prices: its request's cost is unknown
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> s.tray.today().get().equals("today $0.0081 + ? · 2 requests"));
        assertTrue(s.tray.tooltip().endsWith(" — today $0.0081 + ? · 2 requests"), s.tray.tooltip());
        StringBuilder opened = new StringBuilder();
        s.tray.onOpen(() -> opened.append("window "));
        s.tray.openUsage();
        s.tray.onOpenUsage(() -> opened.append("usage"));
        s.tray.openUsage();
        assertEquals("window usage", opened.toString());
    }

    @Test
    void clickingAProfileSwitchesToItAndSaysSo() {
        assertTrue(s.tray.switchTo("lab"));
        assertEquals("lab", s.tray.checkedProfile().get());
        assertEquals("lab", f.signalbox.settings().load().activeProfile());
        assertEquals(List.of("Switched to lab"), f.notifications);
    }

    @Test
    void aSwitchFromTheTrayWritesClaudeCodesSettingsLikeSignalboxUse() throws Exception {
        java.nio.file.Path settings = f.root.resolve("claude").resolve("settings.json");
        java.nio.file.Files.createDirectories(settings.getParent());
        java.nio.file.Files.writeString(settings, "{\n  \"hooks\": {\"Stop\": []},\n  \"env\": {\"MY_VAR\": \"1\"}\n}\n");
        assertTrue(s.tray.switchTo("lab"));
        String written = java.nio.file.Files.readString(settings);
        assertTrue(written.contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:"), written);
        assertTrue(written.contains("\"ANTHROPIC_AUTH_TOKEN\": \"" + f.signalbox.localToken() + "\""), written);
        assertTrue(written.contains("\"MY_VAR\": \"1\"") && written.contains("\"hooks\""), "the user's keys stay: " + written);
        assertFalse(written.contains(io.signalbox.app.testing.MockAnthropic.KEY), "proxy mode: the real key stays in the store");
    }

    @Test
    void switchingToAProfileThatWasDeletedKeepsTheOldOneCheckedAndExplains() {
        f.signalbox.profiles().remove("lab");
        assertFalse(s.tray.switchTo("lab"));
        assertEquals("work", s.tray.checkedProfile().get());
        assertEquals(List.of("Could not switch to lab"), f.notifications);
    }

    @Test
    void pauseClosesThePortAndResumeOpensItAgainWithTheMenuLabelFollowing() {
        assertEquals("Pause proxy", s.tray.pauseLabel().get());
        s.tray.togglePause();
        assertEquals(ProxyState.PAUSED, s.tray.state().get());
        assertEquals("Resume proxy", s.tray.pauseLabel().get());
        s.tray.togglePause();
        assertEquals(ProxyState.RUNNING, s.tray.state().get());
        assertEquals("Pause proxy", s.tray.pauseLabel().get());
    }

    @Test
    void resumingWhileAnotherProgramHoldsThePortStaysPausedAndSaysWhy() throws Exception {
        int port = f.proxy.port();
        s.tray.togglePause();
        try (ServerSocket other = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.tray.togglePause();
            assertEquals(ProxyState.PAUSED, s.tray.state().get());
            assertEquals("Resume proxy", s.tray.pauseLabel().get());
            assertEquals("Could not resume the proxy", f.notifications.getLast());
        }
        s.tray.togglePause();
        assertEquals(ProxyState.RUNNING, s.tray.state().get());
        assertEquals(port, f.proxy.port());
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
    }

    @Test
    void aFailingRequestTurnsTheIconRedAndAGoodOneTurnsItBack() throws Exception {
        f.signalbox.secrets().put("work", "sk-wrong-key-000000000000");
        assertEquals(401, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> s.tray.state().get() == ProxyState.FAILING);
        f.signalbox.secrets().put("work", io.signalbox.app.testing.MockAnthropic.KEY);
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> s.tray.state().get() == ProxyState.RUNNING);
    }

    @Test
    void testActiveProfileAndOpenAndQuitRunTheirActions() {
        StringBuilder seen = new StringBuilder();
        s.tray.onTest(name -> seen.append("test:").append(name).append(' '));
        s.tray.onOpen(() -> seen.append("open "));
        s.tray.onQuit(() -> seen.append("quit"));
        s.tray.testActive();
        s.tray.open();
        s.tray.quit();
        assertEquals("test:work open quit", seen.toString());
    }
}
