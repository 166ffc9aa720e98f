package io.signalbox.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.settings.Theme;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.testing.StoreRows;
import io.signalbox.profile.Budget;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes a PNG of every screen, light and dark, into app/target/screenshots/ (or where
 * {@code -Dscreenshots.dir} says: {@code docs/screenshots/} holds the ones the README shows):
 * sample profiles, a finished preflight, requests made through the real proxy, a week of usage
 * in the real store (priced by the engine).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    AppFixture f;
    AppServices s;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        f = new AppFixture(Files.createTempDirectory("signalbox-shots"));
        UsageDb db = UsageEngine.defaultDb(f.signalbox);
        String[][] week = {{"work", "claude-sonnet-4-5"}, {"lab", "deepseek-chat"}, {"work", "claude-opus-4-1"}};
        Instant now = Instant.now();
        for (int d = 1; d < 7; d++) {
            try (StoreRows rows = new StoreRows(db, now.minus(Duration.ofDays(d)), ZoneId.systemDefault(),
                    f.signalbox.profiles()::find)) {
                for (int i = 0; i <= (d * 3 + 2) % 7; i++) {
                    String[] pm = week[(d + i) % 3];
                    rows.request(pm[0], pm[1], 18_000L + 3_000L * i, 900L + 150L * d, i == 4 ? 529 : 200);
                }
            }
        }
        f.signalbox.profiles().edit("work", p -> p.withUsage(p.usageOrNone().withBudget(Budget.parse("daily=5usd"))
                .withBudget(Budget.parse("monthly=2000000tokens"))));
        f.startProxy();
        s = f.services(Platform::runLater);
        window = new MainWindow(s);
        window.show(stage);
        stage.setWidth(1200);
        stage.setHeight(780);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyScreenIsCapturedInLightAndDark(FxRobot robot) throws Exception {
        Path dir = Path.of(System.getProperty("signalbox.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        robot.interact(() -> s.profiles.select("work"));
        robot.interact(() -> s.preflight.test("work"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !s.preflight.running().get());
        f.requestThroughProxy("claude-sonnet-4-5");
        f.requestThroughProxy("claude-opus-4-1");
        robot.interact(() -> s.tray.switchTo("lab"));
        f.requestThroughProxy("claude-sonnet-4-5");
        robot.interact(() -> s.tray.switchTo("work"));
        f.signalbox.secrets().put("work", "sk-wrong-key-0000000000000");
        f.requestThroughProxy("claude-haiku-4-5");
        // the log opens with the week's recorded requests; the live ones follow them: the Test's
        // request through the proxy and the four above
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> s.log.rows().size() >= 25 + 5
                && s.log.rows().stream().filter(r -> !r.recorded()).count() == 5
                && s.log.rows().stream().allMatch(r -> r.last().isTerminal()));
        robot.interact(() -> s.log.selected().set(s.log.rows().get(s.log.rows().size() - 2)));
        f.proxy.flushUsage();
        robot.interact(() -> s.usage.refresh());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> s.usage.total().get() != null
                && s.usage.total().get().requests() >= 25 + 4);
        // Settings shows what a port change did: the running proxy moved to the new port
        int newPort = io.signalbox.app.engine.PortProbe.freePort();
        robot.interact(() -> {
            s.settings.port().set(Integer.toString(newPort));
            assertTrue(s.settings.save(), s.settings.message().get());
        });
        assertTrue(s.settings.message().get().contains("now listens on port " + newPort), s.settings.message().get());
        assertEquals(newPort, f.proxy.port());
        for (Theme theme : Theme.values()) {
            robot.interact(() -> s.theme.set(theme));
            for (int i = 0; i < MainWindow.TABS.length; i++) {
                int tab = i;
                robot.interact(() -> window.tabs().getSelectionModel().select(tab));
                WaitForAsyncUtils.waitForFxEvents();
                Path png = dir.resolve(MainWindow.TABS[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")
                        + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png");
                WritableImage[] img = new WritableImage[1];
                robot.interact(() -> img[0] = window.scene().snapshot(null));
                ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", png.toFile());
                assertTrue(Files.size(png) > 10_000, png + " looks empty");
            }
        }
    }
}
