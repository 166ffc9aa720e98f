package io.signalbox.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a display the app says so in two lines (what is wrong, what to run) instead of a JavaFX stack trace. */
class MainTest {
    @Test
    void linuxWithoutADisplayGetsAClearMessageNamingTheHeadlessCommand() {
        String m = Main.noDisplay(Map.of("HOME", "/home/u"), "Linux", null);
        assertNotNull(m);
        assertTrue(m.contains("needs a graphical display") && m.contains("DISPLAY"), m);
        assertTrue(m.contains("fix:") && m.contains("signalbox.jar serve"), m);
    }

    @Test
    void aDisplayWaylandOrTheHeadlessPlatformOrAnotherOsIsNotRefused() {
        assertNull(Main.noDisplay(Map.of("DISPLAY", ":0"), "Linux", null));
        assertNull(Main.noDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertNull(Main.noDisplay(Map.of(), "Linux", "Headless"));
        assertNull(Main.noDisplay(Map.of(), "Mac OS X", null));
        assertNull(Main.noDisplay(Map.of(), "Windows 11", null));
        assertNotNull(Main.noDisplay(Map.of("DISPLAY", " "), "Linux", null));
    }
}
