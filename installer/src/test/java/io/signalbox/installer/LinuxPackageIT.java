package io.signalbox.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the .deb with {@code installer/package.sh} from the app's jars (as a release would), then
 * checks what it would install and runs it from an extracted copy: the command line and the tray app,
 * each on the Java runtime the package brings, proxying a real request and recording its usage row.
 * Nothing is installed on this machine: {@code dpkg-deb -x} unpacks into a temporary directory.
 */
class LinuxPackageIT {
    private static final Path ROOT = Path.of(System.getProperty("signalbox.root", "..")).toAbsolutePath().normalize();
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String OPT = "opt/signalbox";

    @TempDir
    static Path work;
    private static Path deb;
    private static Path unpacked;
    private static String version;

    @BeforeAll
    static void buildThePackage() throws Exception {
        requirePart(Files.isExecutable(JAVA_HOME.resolve("bin/jpackage")), "jpackage (comes with a full JDK 25+)",
                "a JDK 25+ as JAVA_HOME, e.g. Temurin 25");
        requirePart(onPath("dpkg-deb") && onPath("fakeroot"), "dpkg-deb and fakeroot",
                "sudo apt-get install dpkg fakeroot");
        Run build = run(List.of(ROOT.resolve("installer/package.sh").toString(), "deb"), ROOT,
                Map.of("SKIP_BUILD", "1", "JAVA_HOME", JAVA_HOME.toString()), 600);
        assertEquals(0, build.code, build.out);
        try (var files = Files.list(ROOT.resolve("installer/target/dist"))) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow(() -> new AssertionError(
                    "no .deb in installer/target/dist: " + build.out));
        }
        unpacked = work.resolve("root");
        Run x = run(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), work, Map.of(), 120);
        assertEquals(0, x.code, x.out);
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        var m = java.util.regex.Pattern.compile("\n  <version>([0-9][0-9.]*)").matcher(pom);
        assertTrue(m.find(), "the project's version in pom.xml");
        version = m.group(1);
    }

    @Test
    void thePackageNamesItselfItsDependenciesAndPutsTheAppInTheMenuAndTheCommandOnPath() throws Exception {
        assertEquals("signalbox", field("Package"));
        assertEquals(version, field("Version"));
        String depends = field("Depends");
        assertTrue(depends.contains("libgtk-3-0") && depends.contains("libgl1"), "JavaFX's GTK and GL: " + depends);
        assertTrue(field("Recommends").contains("gnome-keyring"), "a Secret Service for the keys");

        Path desktop = unpacked.resolve(OPT + "/lib/signalbox-Signalbox.desktop");
        String entry = Files.readString(desktop);
        assertTrue(entry.contains("Name=Signalbox") && entry.contains("Categories=Development;Utility"), entry);
        assertTrue(entry.contains("Exec=/" + OPT + "/bin/Signalbox"), entry);
        String icon = line(entry, "Icon=");
        assertTrue(Files.size(unpacked.resolve(icon.substring(1))) > 1000, "the icon is in the package: " + icon);

        Path control = work.resolve("control");
        assertEquals(0, run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()), work, Map.of(), 60).code);
        assertTrue(Files.isExecutable(unpacked.resolve(OPT + "/bin/signalbox")), "the command's target is in the package");

        // The maintainer scripts themselves, with the system commands they call replaced by recorders: the
        // menu tool fails, as on a system without a desktop menu; installing and removing must not.
        Path fakes = work.resolve("fakebin");
        Path calls = work.resolve("calls.txt");
        Files.createDirectories(fakes);
        fake(fakes, "xdg-desktop-menu", "echo \"xdg-desktop-menu $*\" >> " + calls + "; exit 3");
        fake(fakes, "ln", "echo \"ln $*\" >> " + calls);
        fake(fakes, "rm", "echo \"rm $*\" >> " + calls);
        fake(fakes, "readlink", "echo /" + OPT + "/bin/signalbox");
        Map<String, String> path = Map.of("PATH", fakes + ":/usr/bin:/bin");
        Run postinst = run(List.of("sh", control.resolve("postinst").toString(), "configure"), work, path, 30);
        assertEquals(0, postinst.code, "installs without a desktop menu: " + postinst.out);
        assertTrue(postinst.out.contains("no desktop menu was updated"), postinst.out);
        String done = Files.readString(calls);
        assertTrue(done.contains("xdg-desktop-menu install /" + OPT + "/lib/signalbox-Signalbox.desktop"), done);
        assertTrue(done.contains("ln -sf /" + OPT + "/bin/signalbox /usr/bin/signalbox"), "the command on PATH: " + done);

        Files.delete(calls);
        // an upgrade that failed after the old prerm took them away: both come back
        Run abort = run(List.of("sh", control.resolve("postinst").toString(), "abort-upgrade", "0.0.1"), work, path, 30);
        assertEquals(0, abort.code, abort.out);
        done = Files.readString(calls);
        assertTrue(done.contains("xdg-desktop-menu install") && done.contains("ln -sf /" + OPT + "/bin/signalbox"), done);

        Files.delete(calls);
        Run prerm = run(List.of("sh", control.resolve("prerm").toString(), "remove"), work, path, 30);
        assertEquals(0, prerm.code, "removes without a desktop menu: " + prerm.out);
        done = Files.readString(calls);
        assertTrue(done.contains("xdg-desktop-menu uninstall /" + OPT + "/lib/signalbox-Signalbox.desktop"), done);
        assertTrue(done.contains("rm -f /usr/bin/signalbox"), "its own link on PATH goes too: " + done);
    }

    private static void fake(Path dir, String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(true);
    }

    @Test
    void theCommandLineRunsOnTheBundledRuntimeProxiesARequestAndRecordsIt() throws Exception {
        Path home = work.resolve("cli-home");
        Map<String, String> env = homes(home);
        List<String> seenKeys = new CopyOnWriteArrayList<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", ex -> {
            var h = ex.getRequestHeaders();
            seenKeys.add(h.containsKey("x-api-key") ? h.getFirst("x-api-key")
                    : String.valueOf(h.getFirst("Authorization")).replaceFirst("^Bearer ", ""));
            ex.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"provider-model\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Hello from the provider\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        provider.start();
        Process serve = null;
        try {
            String cli = unpacked.resolve(OPT + "/bin/signalbox").toString();
            Run v = run(List.of(cli, "--version"), home, env, 60);
            assertEquals(0, v.code, v.out);
            assertTrue(v.out.startsWith("signalbox " + version), v.out);

            Run add = run(List.of(cli, "profile", "add", "mock", "--base-url",
                    "http://127.0.0.1:" + provider.getAddress().getPort(), "--format", "anthropic", "--model",
                    "default=provider-model", "--key-stdin"), home, env, 60, "sk-ant-packaged-1234\n");
            assertEquals(0, add.code, add.out);
            Run use = run(List.of(cli, "use", "mock"), home, env, 60);
            assertEquals(0, use.code, use.out);

            int port = freePort();
            Map<String, String> serveEnv = new java.util.HashMap<>(env);
            serveEnv.put("SIGNALBOX_PORT", String.valueOf(port));
            serve = start(List.of(cli, "serve"), home, serveEnv, home.resolve("serve.log"));
            awaitHealth(port, serve, home.resolve("serve.log"));

            String token = Files.readString(home.resolve("signalbox/local-token")).strip();
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                    .header("x-api-key", token).header("anthropic-version", "2023-06-01")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-5\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("Hello from the provider"), res.body());
            assertEquals(List.of("sk-ant-packaged-1234"), seenKeys, "the key from the store, not the local token");

            String log = "";
            for (int i = 0; i < 100 && !log.contains("\"inputTokens\":12"); i++) { // rows land within ~25 ms
                Thread.sleep(100);
                log = run(List.of(cli, "log", "--json"), home, env, 60).out;
            }
            assertTrue(log.contains("\"profile\":\"mock\"") && log.contains("\"inputTokens\":12"),
                    "the usage row, in SQLite, from the bundled runtime: " + log);
        } finally {
            provider.stop(0);
            stop(serve);
        }
    }

    @Test
    void theTrayAppOpensItsWindowAndItsTrayIconOnARealXServerWithTheProxyInside() throws Exception {
        requirePart(onPath("Xvfb") && onPath("xwininfo") && onPath("trayer") && onPath("xdotool"),
                "Xvfb, xwininfo, trayer and xdotool (an X server without a screen, a tray, a mouse)",
                "sudo apt-get install xvfb x11-utils trayer xdotool");
        Path home = work.resolve("app-home");
        Files.createDirectories(home);
        // Xvfb picks a free display and writes its number to the file descriptor given: here, its output
        Path xlog = home.resolve("xvfb.log");
        Process x = start(List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"), home,
                Map.of(), xlog);
        Process app = null;
        Process tray = null;
        try {
            String display = null;
            for (int i = 0; i < 100 && display == null; i++) {
                Thread.sleep(100);
                display = Files.readString(xlog).lines().filter(l -> l.matches("\\d+")).findFirst().orElse(null);
            }
            assertTrue(display != null && x.isAlive(), "Xvfb did not start: " + Files.readString(xlog));
            Map<String, String> x11 = Map.of("DISPLAY", ":" + display);
            // a panel with a system tray (XEmbed, as many Linux desktops have)
            tray = start(List.of("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width",
                    "200", "--height", "32", "--transparent", "false"), home, x11, home.resolve("trayer.log"));
            Map<String, String> env = new java.util.HashMap<>(homes(home));
            int port = freePort();
            env.put("SIGNALBOX_PORT", String.valueOf(port));
            env.put("DISPLAY", ":" + display);
            Path log = home.resolve("app.log");
            app = start(List.of(unpacked.resolve(OPT + "/bin/Signalbox").toString()), home, env, log);
            awaitHealth(port, app, log);

            String windows = "";
            for (int i = 0; i < 150 && !windows.contains("(\"io.signalbox.app.SignalboxApp\""); i++) {
                Thread.sleep(200);
                windows = run(List.of("xwininfo", "-root", "-tree"), home, Map.of("DISPLAY", ":" + display), 30).out;
            }
            var window = java.util.regex.Pattern.compile("\"Signalbox\": \\(\"io\\.signalbox\\.app\\.SignalboxApp\"[^)]*\\)"
                    + "\\s+(\\d+)x(\\d+)").matcher(windows);
            assertTrue(window.find(), "the app's window, drawn through GTK by the bundled JavaFX: " + windows
                    + Files.readString(log));
            assertTrue(Integer.parseInt(window.group(1)) >= 800 && Integer.parseInt(window.group(2)) >= 500,
                    "its main window, not a splash: " + window.group());
            // the tray icon: AWT's window embedded in the panel's tray, at its place on the screen
            var icon = java.util.regex.Pattern.compile("\"JavaEmbeddedFrame\".*\\s(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+"
                    + "\\+(\\d+)\\+(\\d+)").matcher(windows);
            for (int i = 0; i < 100 && !icon.find(); i++) {
                Thread.sleep(200);
                windows = run(List.of("xwininfo", "-root", "-tree"), home, x11, 30).out;
                icon = icon.reset(windows);
            }
            assertTrue(icon.find(0), "the tray icon in the panel: " + windows + Files.readString(log));
            assertTrue(windows.contains("(\"panel\" \"trayer\")"), windows);
            assertFalse(Files.readString(log).contains("no system tray"), Files.readString(log));

            // a right click on it opens the tray menu. The menu's window may appear at 1×1 before it is laid
            // out, and a click that lands while the icon is still being embedded is lost: so the menu counts
            // once it has its size, and the click is repeated (at the icon's place read again) until then.
            var menu = java.util.regex.Pattern.compile("\"sun-awt-X11-XPopupMenuPeer\".*\\s(\\d+)x(\\d+)\\+");
            boolean open = false;
            for (int attempt = 0; attempt < 5 && !open; attempt++) {
                icon = icon.reset(run(List.of("xwininfo", "-root", "-tree"), home, x11, 30).out);
                assertTrue(icon.find(), "the tray icon is still in the panel");
                int cx = Integer.parseInt(icon.group(3)) + Integer.parseInt(icon.group(1)) / 2;
                int cy = Integer.parseInt(icon.group(4)) + Integer.parseInt(icon.group(2)) / 2;
                Run click = run(List.of("xdotool", "mousemove", String.valueOf(cx), String.valueOf(cy), "click", "3"),
                        home, x11, 30);
                assertEquals(0, click.code, click.out);
                for (int i = 0; i < 20 && !open; i++) {
                    Thread.sleep(200);
                    windows = run(List.of("xwininfo", "-root", "-tree"), home, x11, 30).out;
                    var m = menu.matcher(windows);
                    while (m.find() && !open) {
                        open = Integer.parseInt(m.group(2)) >= 60;
                    }
                }
            }
            assertTrue(open, "the tray menu opened (its items: Open Signalbox, Test, Pause, Quit …): " + windows
                    + Files.readString(log));
            assertTrue(app.isAlive(), Files.readString(log));
        } finally {
            stop(app);
            stop(tray);
            stop(x);
        }
    }

    // ---- helpers

    private static Map<String, String> homes(Path home) throws IOException {
        Files.createDirectories(home);
        return Map.of("SIGNALBOX_HOME", home.resolve("signalbox").toString(),
                "CLAUDE_CONFIG_DIR", home.resolve("claude").toString(), "CODEX_HOME", home.resolve("codex").toString(),
                "SIGNALBOX_SECRET_STORE", "file", "HOME", home.toString());
    }

    private static String field(String name) throws Exception {
        Run r = run(List.of("dpkg-deb", "-f", deb.toString(), name), work, Map.of(), 60);
        assertEquals(0, r.code, r.out);
        return r.out.strip();
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + text));
    }

    private static void awaitHealth(int port, Process p, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> h = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200) {
                    assertTrue(h.body().contains("\"version\":\"" + version), h.body());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("no /health on port " + port + " within 60 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process start(List<String> cmd, Path dir, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                killTree(p);
            }
        }
    }

    /** The process and everything it started (package.sh's jpackage, fakeroot, dpkg-deb …). */
    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private record Run(int code, String out) {
    }

    private static Run run(List<String> cmd, Path dir, Map<String, String> env, int seconds) throws Exception {
        return run(cmd, dir, env, seconds, null);
    }

    private static Run run(List<String> cmd, Path dir, Map<String, String> env, int seconds, String stdin)
            throws Exception {
        Files.createDirectories(dir);
        Path out = Files.createTempFile(work, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            killTree(p);
            fail(cmd + " took longer than " + seconds + " s: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** A missing part skips loudly here, and fails where SIGNALBOX_REQUIRE_ALL_PARTS=1 (CI). */
    private static void requirePart(boolean present, String part, String install) {
        if (present) {
            return;
        }
        String msg = "MISSING TEST PART: " + part + " — install it with: " + install;
        if ("1".equals(System.getenv("SIGNALBOX_REQUIRE_ALL_PARTS"))) {
            fail(msg + " (SIGNALBOX_REQUIRE_ALL_PARTS=1, so a missing part is a failure)");
        }
        System.err.println("!!!!!!!! SKIPPED: " + msg + " !!!!!!!!");
        Assumptions.abort(msg);
    }
}
