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
    void aPortThatIsNotANumberIsRefusedWithTheReason() {
        s.settings.port().set("80a");
        assertNotNull(s.settings.portError().get());
        assertFalse(s.settings.save());
        assertTrue(s.settings.message().get().contains("not a TCP port"));
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
    void theThemeIsRememberedInAppState() {
        s.settings.theme().set(Theme.DARK);
        assertEquals("DARK", new AppStateStore(f.signalbox.home()).load().theme());
        assertEquals(Theme.DARK, f.services(Runnable::run).theme.get());
    }
}
