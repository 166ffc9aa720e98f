package io.signalbox.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.secret.LocalToken;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key (and the local token) never reach the output, the saved results or the logs — even when the provider echoes it. */
class PreflightSecrecyTest {
    private static final String KEY = CliFixture.KEY;

    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private Level rootLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                        + " " + (r.getThrown() == null ? "" : r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEveryLogRecord() {
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restoreLogging() {
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    private static CliRun.Result cli(TestHome home, String... args) {
        return CliRun.withStdin(home, null, args);
    }

    private void assertNowhere(String secret, TestHome home, CliRun.Result... results) throws IOException {
        for (CliRun.Result r : results) {
            assertFalse(r.out().contains(secret), "stdout: " + r.out());
            assertFalse(r.err().contains(secret), "stderr: " + r.err());
        }
        Path saved = home.signalboxHome.resolve(PreflightResults.FILE_NAME);
        assertTrue(Files.exists(saved));
        try (Stream<Path> files = Files.walk(home.root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("secrets.json") && !name.equals(LocalToken.FILE_NAME)) {
                    assertFalse(Files.readString(f).contains(secret), "found in " + f);
                }
            }
        }
        synchronized (logged) {
            assertFalse(logged.isEmpty(), "the preflight logs its steps");
            assertTrue(logged.stream().noneMatch(l -> l.contains(secret)), "logs: " + logged);
        }
    }

    @Test
    void aProviderEchoingTheKeyInItsErrorDoesNotLeakItIntoTextJsonResultsOrLogs() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key").echoingKeyInErrors()) {
            f.provider.on("POST", "/v1/messages", FakeProvider.Reply.json(401,
                    "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"type\":\"auth\"}}"));
            CliRun.Result text = cli(f.home, "test", "acme");
            CliRun.Result json = cli(f.home, "test", "acme", "--json");
            assertEquals(1, text.code(), text.all());
            assertTrue(text.out().contains("Incorrect API key provided: ***"), text.out());
            assertTrue(json.out().contains("BAD_CREDENTIAL"), json.out());
            assertTrue(f.provider.seen().stream().anyMatch(s -> KEY.equals(s.header("x-api-key"))),
                    "the key did go to the provider");
            assertNowhere(KEY, f.home, text, json);
        }
    }

    @Test
    void aFullRunWithToolsAndTheProxyLeaksNeitherTheKeyNorTheLocalToken() throws Exception {
        try (CliFixture f = CliFixture.anthropic(dir, "x-api-key")) {
            String token = LocalToken.getOrCreate(f.home.signalboxHome);
            try (FakeProvider proxy = FakeProvider.http().on("POST", "/p/acme/v1/messages",
                    FakeProvider.Reply.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                            + "\"message\":\"token " + token + " and key " + KEY + " rejected\"}}"))) {
                CliRun.Result ok = cli(f.home, "test", "acme", "--tools");
                CliRun.Result viaProxy = cli(f.home, "test", "acme", "--via-proxy", proxy.url(), "--json");
                assertEquals(0, ok.code(), ok.all());
                assertTrue(viaProxy.out().contains("PROXY_AUTH"), viaProxy.out());
                CliRun.Result list = cli(f.home, "profile", "list", "--json");
                assertNowhere(KEY, f.home, ok, viaProxy, list);
                assertNowhere(token, f.home, ok, viaProxy, list);
            }
        }
    }
}
