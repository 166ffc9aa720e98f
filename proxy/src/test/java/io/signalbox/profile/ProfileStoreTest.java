package io.signalbox.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Backups;
import io.signalbox.common.SignalboxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path home;

    private ProfileStore store() {
        return new ProfileStore(home, new Backups(home.resolve("backups"), 3, Clock.systemUTC()));
    }

    private static Profile deepseek(String name) {
        return Presets.get("deepseek").toProfile(name);
    }

    @Test
    void profilesRoundTripInOrderWithASchemaVersion() throws Exception {
        ProfileStore s = store();
        s.add(deepseek("b"));
        s.add(deepseek("a"));
        assertEquals(List.of("b", "a"), s.list().stream().map(Profile::name).toList());
        String json = Files.readString(s.file());
        assertTrue(json.contains("\"schemaVersion\" : 1"), json);
        assertEquals("0600", perms(s.file()));
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        ProfileStore s = store();
        s.add(deepseek("Work"));
        SignalboxException e = assertThrows(SignalboxException.class, () -> s.add(deepseek("work")));
        assertTrue(e.fix().contains("profile edit"));
    }

    @Test
    void everyWriteKeepsARollingBackupOfThePreviousFile() throws Exception {
        ProfileStore s = store();
        for (int i = 0; i < 6; i++) {
            s.add(deepseek("p" + i));
        }
        Backups b = new Backups(home.resolve("backups"), 3, Clock.systemUTC());
        List<Path> backups = b.list(ProfileStore.FILE_NAME);
        assertEquals(3, backups.size(), backups.toString());
        assertTrue(Files.readString(backups.get(2)).contains("\"p4\""));
        assertTrue(Files.exists(b.originalOf(ProfileStore.FILE_NAME)));
    }

    @Test
    void aMalformedFileIsReportedWithLineAndColumnAndNeverOverwritten() throws Exception {
        Path f = home.resolve("profiles.json");
        byte[] broken = "{\n  \"schemaVersion\": 1,\n  \"profiles\": [ { \"name\": \"x\", }\n".getBytes(StandardCharsets.UTF_8);
        Files.write(f, broken);
        ProfileStore s = store();
        SignalboxException e = assertThrows(SignalboxException.class, s::list);
        assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
        assertThrows(SignalboxException.class, () -> s.add(deepseek("y")));
        assertArrayEquals(broken, Files.readAllBytes(f));
    }

    @Test
    void anInvalidValueInsideTheFileIsReportedWithItsLocation() throws Exception {
        Path f = home.resolve("profiles.json");
        Files.writeString(f, "{\"schemaVersion\":1,\"profiles\":[\n{\"name\":\"x\",\"baseUrl\":\"https://x.example\",\n\"format\":\"grpc\"}]}");
        SignalboxException e = assertThrows(SignalboxException.class, store()::list);
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("grpc"), e.getMessage());
    }

    @Test
    void aFileFromANewerSignalboxIsLeftAlone() throws Exception {
        Path f = home.resolve("profiles.json");
        Files.writeString(f, "{\"schemaVersion\":99,\"profiles\":[]}");
        SignalboxException e = assertThrows(SignalboxException.class, store()::list);
        assertTrue(e.fix().contains("upgrade"));
    }

    @Test
    void editCanRenameAndRemoveDeletes() {
        ProfileStore s = store();
        s.add(deepseek("a"));
        s.edit("A", p -> p.withName("b").withNotes("hello"));
        assertEquals("hello", s.get("b").notes());
        s.remove("b");
        assertTrue(s.list().isEmpty());
        SignalboxException e = assertThrows(SignalboxException.class, () -> s.remove("b"));
        assertTrue(e.fix().contains("profile add"), e.fix());
    }

    private static String perms(Path p) throws Exception {
        String s = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        return s.equals("rw-------") ? "0600" : s;
    }
}
