package io.signalbox.app.window;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.settings.Theme;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.usage.InMemoryUsageSource;
import io.signalbox.app.usage.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Writes a PNG of every screen, light and dark, into docs/screenshots/ (shown in the README):
 * sample profiles, a finished preflight, requests made through the real proxy, a week of usage.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    AppFixture f;
    AppServices s;
    MainWindow window;
    InMemoryUsageSource usage;

    @Start
    void start(Stage stage) throws Exception {
        f = new AppFixture(Files.createTempDirectory("signalbox-shots")).startProxy();
        usage = new InMemoryUsageSource(f.signalbox.clock());
        f.proxy.subscribe(usage);
        String[][] week = {{"work", "claude-sonnet-4-5"}, {"lab", "deepseek-chat"}, {"work", "claude-opus-4-1"}};
        Instant now = Instant.now();
        for (int d = 0; d < 7; d++) {
            for (int i = 0; i <= (d * 3 + 2) % 7; i++) {
                String[] pm = week[(d + i) % 3];
                usage.add(new UsageRecord(now.minus(Duration.ofDays(d)).minusSeconds(60L * i), pm[0], pm[1],
                        1500L + 300L * i, 200L + 40L * d, new BigDecimal("0.0" + (12 + i + d)), i == 4));
            }
        }
        s = f.services(Platform::runLater, usage);
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
        f.signalbox.secrets().put("work", "sk-wrong-key-0000000000000");
        f.requestThroughProxy("claude-haiku-4-5");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> s.log.rows().size() == 3
                && s.log.rows().stream().allMatch(r -> r.last().isTerminal()));
        robot.interact(() -> s.log.selected().set(s.log.rows().getFirst()));
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
