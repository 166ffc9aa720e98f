package io.signalbox.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.app.engine.ProxyState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The three tray icons: one colour per state; the test writes them as PNGs under icons/. */
class TrayIconsTest {
    @Test
    void eachStateHasItsOwnLampColourAndThePngsAreWrittenToTheIconsFolder() throws Exception {
        Path icons = Path.of(System.getProperty("signalbox.icons", "target/icons"));
        Files.createDirectories(icons);
        for (ProxyState s : new ProxyState[] {ProxyState.RUNNING, ProxyState.PAUSED, ProxyState.FAILING}) {
            BufferedImage img = TrayIcons.draw(s, 64);
            // a point on the lamp, away from the white glyph
            assertEquals(TrayIcons.colour(s).getRGB(), img.getRGB(20, 32), s.name());
            for (int size : new int[] {16, 24, 32, 64}) {
                ImageIO.write(TrayIcons.draw(s, size), "png",
                        icons.resolve("tray-" + s.name().toLowerCase(java.util.Locale.ROOT) + "-" + size + ".png").toFile());
            }
        }
    }
}
