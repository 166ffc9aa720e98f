package io.signalbox.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.log.LogRow;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.usage.UsagePeriod;
import io.signalbox.profile.Presets;
import io.signalbox.usage.UsageEngine;
import io.signalbox.usage.UsageQueries;
import io.signalbox.usage.UsageReports;
import io.signalbox.usage.UsageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window on JavaFX's headless platform, with the real proxy in process and a mock provider. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    AppFixture f;
    AppServices s;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        f = new AppFixture(Files.createTempDirectory("signalbox-app-test")).startProxy();
        s = f.services(Platform::runLater);
        window = new MainWindow(s);
        window.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private <T extends javafx.scene.Node> T lookup(FxRobot robot, String id) {
        return robot.lookup("#" + id).query();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void switchingFromTheWindowChecksTheProfileInTheTrayMenuAndSettings(FxRobot robot) throws Exception {
        ListView<String> list = lookup(robot, "profileList");
        robot.interact(() -> list.getSelectionModel().select("lab"));
        robot.clickOn("#use");
        assertEquals("lab", f.signalbox.settings().load().activeProfile());
        assertEquals("lab", s.tray.checkedProfile().get());
        assertTrue(list.getItems().contains("lab"));
        assertTrue(((Label) lookup(robot, "status")).getText().contains("lab"));
    }

    @Test
    void switchingFromTheTrayMenusModelShowsInTheWindow(FxRobot robot) {
        robot.interact(() -> s.tray.switchTo("lab"));
        assertEquals("lab", f.signalbox.settings().load().activeProfile());
        assertTrue(((Label) lookup(robot, "status")).getText().contains("lab"));
    }

    @Test
    void aProfileFromAPresetShowsValidationErrorsUntilTheyAreFixed(FxRobot robot) {
        robot.interact(() -> s.profiles.preset().set(Presets.get("deepseek")));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Presets.get("deepseek").baseUrl(), ((TextField) lookup(robot, "baseUrl")).getText());
        assertTrue(window.profiles().validation().isInvalid());
        robot.clickOn("#baseUrl").eraseText(0).write("not a url at all");
        robot.clickOn("#save");
        assertTrue(((Label) lookup(robot, "message")).getText().contains("not a valid profile name"));
        robot.clickOn("#name").write("deep");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.profiles().validation().isInvalid());
        assertTrue(window.profiles().validation().getValidationResult().getErrors().iterator().next().getText()
                .contains("is not a URL"));
        robot.interact(() -> s.profiles.baseUrl().set(Presets.get("deepseek").baseUrl()));
        robot.clickOn("#key").write("sk-deepseek-typed-key-123456");
        robot.clickOn("#save");
        assertFalse(window.profiles().validation().isInvalid());
        assertEquals("Saved deep.", ((Label) lookup(robot, "message")).getText());
        assertEquals("key: stored", ((Label) lookup(robot, "keyStatus")).getText());
        assertTrue(((ListView<?>) lookup(robot, "profileList")).getItems().contains("deep"));
        assertEquals("deep", ((ListView<?>) lookup(robot, "profileList")).getSelectionModel().getSelectedItem(),
                "the list shows the saved profile as the one in the editor");
        // Ctrl+N now starts from the first preset, not from the preset of the profile on screen
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Presets.all().getFirst(), s.profiles.preset().get());
        assertEquals(null, ((ListView<?>) lookup(robot, "profileList")).getSelectionModel().getSelectedItem());
        assertTrue(f.signalbox.secrets().has("deep"));
    }

    @Test
    void atTheDefaultSizeTheModelMapAndEveryTestStepAreShownWhole(FxRobot robot) throws Exception {
        Stage stage = (Stage) window.scene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(720);
        });
        assertEquals("work", ((ListView<?>) lookup(robot, "profileList")).getSelectionModel().getSelectedItem(),
                "the list marks the profile in the editor from the start");
        robot.interact(() -> s.preflight.test("work"));
        waitUntil(() -> !s.preflight.running().get());
        for (String id : new String[] {"modelMap", "preflightSteps"}) {
            TableView<?> t = lookup(robot, id);
            double rows = t.getItems().size() * t.getFixedCellSize();
            assertTrue(t.getFixedCellSize() > 0 && t.getHeight() >= rows + 24,
                    id + " is squeezed: " + t.getHeight() + " px for " + t.getItems().size() + " rows");
        }
    }

    @Test
    void theTestButtonShowsEachPreflightStepAgainstTheMockProvider(FxRobot robot) throws Exception {
        robot.interact(() -> s.profiles.select("work"));
        robot.clickOn("#test");
        waitUntil(() -> !s.preflight.running().get());
        TableView<?> steps = lookup(robot, "preflightSteps");
        // an Anthropic-format profile, so Claude Code's max_tokens is checked; the mock maps models, so
        // Claude Code's adaptive thinking is too; the proxy runs, so the last step goes through it as the
        // clients do
        assertEquals(10, steps.getItems().size());
        assertEquals("request through the local proxy", s.preflight.steps().getLast().step());
        assertTrue(((Label) lookup(robot, "preflightTitle")).getText().endsWith("— work"));
        assertTrue(((Label) lookup(robot, "preflightSummary")).getText().startsWith("✓ work works"));
    }

    @Test
    void aRequestThroughTheProxyAppearsInTheLiveLogWithItsTokensAndCost(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        TableView<LogRow> table = lookup(robot, "logTable");
        waitUntil(() -> !table.getItems().isEmpty() && table.getItems().getFirst().last().isTerminal());
        LogRow row = table.getItems().getFirst();
        assertEquals("work", row.profile());
        assertEquals("claude-sonnet-4-5 → mock-sonnet", row.model());
        assertEquals("200", row.status());
        assertEquals("1,500", row.tokens());
        assertEquals("$0.0081", row.cost());
        robot.interact(() -> table.getSelectionModel().select(0));
        assertTrue(robot.lookup("#logDetail").queryTextInputControl().getText().contains("Model sent upstream: mock-sonnet"));
        robot.clickOn("#logFilter").write("lab");
        assertEquals(0, table.getItems().size());
    }

    @Test
    void aCostWithoutAPriceShowsAQuestionMarkWithTheFixNeverZero(FxRobot robot) throws Exception {
        robot.interact(() -> s.tray.switchTo("lab"));
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        waitUntil(() -> !s.log.rows().isEmpty() && s.log.rows().getFirst().last().isTerminal());
        LogRow row = s.log.rows().getFirst();
        assertEquals("lab", row.profile());
        assertEquals("1,500", row.tokens());
        assertEquals("?", row.cost());
        assertTrue(row.costHint().contains("signalbox profile edit lab --price mock-sonnet=input:"), row.costHint());
        // Usage & cost names the model and ends with the command: shown whole, not cut off by the charts
        f.proxy.flushUsage();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        Label hint = lookup(robot, "usageUnpriced");
        waitUntil(() -> hint.getText().contains("--price mock-sonnet=") && hint.getHeight() > 0);
        robot.interact(() -> { });
        assertTrue(hint.getHeight() + 0.5 >= hint.prefHeight(hint.getWidth()),
                "the hint is cut off: " + hint.getHeight() + " px of " + hint.prefHeight(hint.getWidth()));
    }

    @Test
    void theUsageTotalsOnScreenEqualTheStoresAfterRequestsThroughTheProxy(FxRobot robot) throws Exception {
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        assertEquals(200, f.requestThroughProxy("claude-opus-4-1").statusCode());
        robot.interact(() -> s.tray.switchTo("lab"));
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        // the engine records a request before the app's listeners hear of its end
        waitUntil(() -> s.log.rows().size() == 3 && s.log.rows().stream().allMatch(r -> r.last().isTerminal()));
        f.proxy.flushUsage();
        UsageReports reports = new UsageReports(new UsageQueries(UsageEngine.defaultDb(f.signalbox)),
                f.signalbox.clock(), ZoneId.systemDefault());
        String firstDay = UsagePeriod.LAST_7_DAYS.firstDay(f.signalbox.clock(), ZoneId.systemDefault()).toString();
        UsageSummary.Group stored = reports.summary(reports.since(firstDay), "day", n -> null).total();
        assertEquals(3, stored.requests());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitUntil(() -> s.usage.total().get() != null && s.usage.total().get().requests() == stored.requests());
        assertEquals(stored, s.usage.total().get());
        assertEquals("3", ((Label) lookup(robot, "usageRequests")).getText());
        assertEquals(String.format("%,d", stored.totalTokens()), ((Label) lookup(robot, "usageTokens")).getText());
        assertEquals("4,500", ((Label) lookup(robot, "usageTokens")).getText());
        // work: mock-sonnet 1200×$3 + 300×$15 and mock-opus 1200×$15 + 300×$75 per million; lab has no prices
        assertEquals(0, new java.math.BigDecimal("0.0486").compareTo(stored.cost()));
        assertEquals(1, stored.unknownCostRequests());
        assertEquals("$0.0486 + ?", ((Label) lookup(robot, "usageCost")).getText());
        assertEquals("", ((Label) lookup(robot, "lostUsage")).getText());
    }

    @Test
    void choosingDarkInSettingsWhileRunningDarkensEveryScreenAtOnce(FxRobot robot) throws Exception {
        assertEquals(io.signalbox.app.settings.Theme.LIGHT, s.theme.get());
        // every screen has been shown once in the light theme, as a user who looks around first
        for (int i = 0; i < MainWindow.TABS.length; i++) {
            int tab = i;
            robot.interact(() -> window.tabs().getSelectionModel().select(tab));
        }
        java.util.List<String> cssWarnings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Logger css = java.util.logging.Logger.getLogger("javafx.css");
        java.util.logging.Handler collect = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    cssWarnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        css.addHandler(collect);
        try {
            for (String theme : new String[] {"Dark", "Light", "Dark"}) {
                robot.clickOn("#theme");
                robot.clickOn(theme);
                WaitForAsyncUtils.waitForFxEvents();
            }
        } finally {
            css.removeHandler(collect);
        }
        assertEquals(io.signalbox.app.settings.Theme.DARK, s.theme.get());
        assertEquals(java.util.List.of(), cssWarnings, "restyling left colours unresolved");
        for (int i = 0; i < MainWindow.TABS.length; i++) {
            int tab = i;
            robot.interact(() -> window.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> img[0] = window.scene().snapshot(null));
            javafx.scene.image.PixelReader px = img[0].getPixelReader();
            int w = (int) img[0].getWidth();
            int h = (int) img[0].getHeight();
            int light = 0;
            int all = 0;
            for (int y = 40; y < h - 30; y += 7) {
                for (int x = 4; x < w - 4; x += 7) {
                    all++;
                    if (px.getColor(x, y).getBrightness() > 0.8) {
                        light++;
                    }
                }
            }
            assertTrue(light * 10 < all, MainWindow.TABS[i] + ": " + light + " of " + all
                    + " sampled pixels are still light after choosing Dark");
        }
    }

    @Test
    void theWindowRemembersItsSizeInAppState(FxRobot robot) {
        Stage stage = (Stage) window.scene().getWindow();
        robot.interact(() -> {
            stage.setWidth(900);
            stage.setHeight(650);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.remember(stage));
        AppState st = new AppStateStore(f.signalbox.home()).load();
        assertEquals(window.scene().getWidth(), st.width());
        assertTrue(Files.exists(f.signalbox.home().resolve(Path.of("app-state.json"))));
    }
}
