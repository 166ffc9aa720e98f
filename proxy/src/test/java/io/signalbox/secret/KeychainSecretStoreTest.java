package io.signalbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.cli.Main;
import io.signalbox.testsupport.JvmProcess;
import io.signalbox.testsupport.Parts;
import io.signalbox.testsupport.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Secret Service: gnome-keyring in a private {@code dbus-run-session}, unlocked with
 * a throwaway password, its data in a temp {@code XDG_DATA_HOME}.
 */
class KeychainSecretStoreTest {
    static final String KEY = "sk-test-KEYCHAIN-91b2c3";

    @TempDir
    Path tmp;

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String cmd(Class<?> main, String... args) {
        List<String> parts = new ArrayList<>();
        for (String p : JvmProcess.command(main, args)) {
            parts.add(q(p));
        }
        return String.join(" ", parts);
    }

    @Test
    void keysGoToTheRealKeychainAndNeverToAFile() throws Exception {
        Path dbusRun = Parts.requireExecutable("dbus-run-session", "apt-get install dbus");
        Parts.requireExecutable("gnome-keyring-daemon", "apt-get install gnome-keyring");
        TestHome home = new TestHome(tmp).set("SIGNALBOX_SECRET_STORE", null)
                .set("XDG_DATA_HOME", Files.createDirectories(tmp.resolve("xdg-data")).toString())
                .set("XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("xdg-run")).toString());
        Files.setPosixFilePermissions(tmp.resolve("xdg-run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path keyFile = tmp.resolve("key.txt");
        Files.writeString(keyFile, KEY + "\n");
        String script = String.join("\n",
                "set -e",
                "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
                cmd(Main.class, "profile", "add", "kc", "--preset", "deepseek", "--key-stdin") + " < " + q(keyFile.toString()),
                "echo '--- show'",
                cmd(Main.class, "profile", "show", "kc", "--json"),
                cmd(KeychainProbeMain.class, "kc"),
                cmd(Main.class, "profile", "remove", "kc"),
                cmd(KeychainProbeMain.class, "kc"));
        ProcessBuilder pb = new ProcessBuilder(dbusRun.toString(), "--", "sh", "-c", script);
        pb.environment().clear();
        pb.environment().putAll(home.vars());
        pb.redirectErrorStream(true);
        Path log = tmp.resolve("session.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(finished, "the keychain session did not finish: " + out);
        assertEquals(0, p.exitValue(), out);

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        assertTrue(out.contains("key stored in OS keychain"), out);
        assertTrue(out.contains("\"keyStored\" : true"), out);
        assertTrue(out.contains("probe: sha256=" + sha + " via OS keychain"), out);
        assertTrue(out.contains("probe: absent"), "remove deletes the keychain entry: " + out);
        assertFalse(out.contains(KEY), "the key is never printed");
        assertFalse(Files.exists(home.signalboxHome.resolve("secrets.json")));
        try (Stream<Path> s = Files.walk(home.signalboxHome)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(KEY), f.toString());
            }
        }
    }

    @Test
    void withNoKeychainTheErrorSaysSoAndHowToOptIntoTheFileStore() throws Exception {
        TestHome home = new TestHome(tmp).set("SIGNALBOX_SECRET_STORE", null)
                .set("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + tmp.resolve("no-bus"))
                .set("XDG_RUNTIME_DIR", tmp.resolve("no-runtime").toString())
                .set("DISPLAY", null);
        ProcessBuilder pb = JvmProcess.builder(home.vars(), Main.class,
                "profile", "add", "kc", "--preset", "deepseek", "--key-stdin");
        Path outLog = tmp.resolve("out.log");
        Path errLog = tmp.resolve("err.log");
        pb.redirectOutput(outLog.toFile()).redirectError(errLog.toFile());
        Process p = pb.start();
        p.getOutputStream().write(KEY.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(outLog);
        String err = Files.readString(errLog);
        assertTrue(finished, "the command hung: " + out + err);
        assertEquals(1, p.exitValue(), out + err);
        assertTrue(err.contains("no OS keychain is available"), err);
        assertTrue(err.contains("SIGNALBOX_SECRET_STORE=file"), err);
        Path settings = home.signalboxHome.resolve("settings.json");
        assertTrue(err.contains("\"secretStore\": \"file\" in " + settings), err);
        assertFalse(err.contains("signalbox config"), "the fix names only commands that exist: " + err);
        assertFalse((out + err).contains(KEY));
        assertFalse(Files.exists(home.signalboxHome.resolve("profiles.json")), "no half-made profile is left");

        // The fix as named works: the setting alone chooses the file store.
        Files.createDirectories(home.signalboxHome);
        Files.writeString(settings, "{\"secretStore\": \"file\"}");
        var added = io.signalbox.testsupport.CliRun.withStdin(home, KEY, "profile", "add", "kc", "--preset", "deepseek",
                "--key-stdin");
        assertEquals(0, added.code(), added.all());
        assertTrue(Files.readString(home.signalboxHome.resolve("secrets.json")).contains(KEY));
    }

    @Test
    void theFileStoreKeepsKeysInAnOwnerOnlyFile() throws Exception {
        List<String> warnings = new ArrayList<>();
        FileSecretStore s = new FileSecretStore(tmp, warnings::add);
        s.put("a", KEY);
        assertEquals(KEY, s.get("a").orElseThrow());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(s.file())));
        s.rename("a", "b");
        assertTrue(s.get("a").isEmpty());
        assertEquals(KEY, s.get("b").orElseThrow());
        s.delete("b");
        assertFalse(s.has("b"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("not in the OS keychain"));
        assertTrue(warnings.get(0).contains("anyone who can read files as you (any program you run, or an"
                + " administrator) can read the keys"), warnings.get(0));
        Files.writeString(s.file(), "{ \"a\": \"" + KEY + "\", oops");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.signalbox.common.SignalboxException.class, () -> s.get("a"));
        assertFalse(e.getMessage().contains(KEY), "a broken secrets file is reported without its content");
        assertTrue(Map.of().isEmpty());
    }
}
