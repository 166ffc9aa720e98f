package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.Signalbox;
import io.signalbox.cli.Main;
import io.signalbox.common.Json;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.UsageReport;
import io.signalbox.testsupport.CliRun;
import io.signalbox.testsupport.TestHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code signalbox log}: the recorded requests one line each, as JSON Lines, and followed as they arrive. */
class UsageLogCliTest {
    private static final String KEY = "sk-log-test-secret-0123456789";

    @TempDir
    Path dir;
    TestHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = new TestHome(dir);
        assertEquals(0, CliRun.withStdin(home, KEY, "profile", "add", "ds", "--preset", "deepseek", "--key-stdin").code());
        assertEquals(0, CliRun.run(home, "profile", "add", "other", "--base-url", "https://gateway.example",
                "--format", "anthropic").code());
    }

    /** Records one request the way the proxy does (the engine, into the real SQLite file), at {@code clock}'s now. */
    private void record(Clock clock, String profile, String session, String model, int status, Long input, Long output)
            throws Exception {
        Signalbox sb = new Signalbox(home.env(), Clock.systemUTC(), w -> { });
        try (UsageEngine e = new UsageEngine(UsageEngine.defaultDb(sb), clock, ZoneId.systemDefault(),
                name -> sb.profiles().find(name), new Pricing(PriceTable.bundled()), 100)) {
            boolean failed = status >= 500;
            e.onEvent(new RequestEvent(1, failed ? RequestEvent.Kind.FAILED : RequestEvent.Kind.COMPLETED, "POST",
                    "/v1/messages", profile, "claude-sonnet-5", model, status, 1234, 400, 900,
                    failed ? "the upstream failed" : null, new UsageReport("claude-code", session, "/v1/messages", true,
                            !failed, 400, input, output, input == null ? null : 0L, input == null ? null : 0L, null, null, model,
                            null, 0)));
            assertTrue(e.flush(Duration.ofSeconds(60)));
        }
    }

    private void record(String profile, String session, String model, long input, long output) throws Exception {
        record(Clock.systemUTC(), profile, session, model, 200, input, output);
    }

    @Test
    void listsTheNewestRequestsOneLineEachOldestFirstWithTheirNumbers() throws Exception {
        record("ds", "s1", "deepseek-chat", 1000, 100);
        Thread.sleep(5);
        record("ds", "s2", "deepseek-reasoner", 2000, 200);
        Thread.sleep(5);
        record("ds", "s3", "house-model", 3000, 300);

        CliRun.Result r = CliRun.run(home, "log", "-n", "2");

        assertEquals(0, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("TIME "), lines.get(0));
        assertTrue(lines.get(0).endsWith("MODEL"), lines.get(0));
        String reasoner = lines.get(1);
        String house = lines.get(2);
        assertTrue(reasoner.endsWith("claude-sonnet-5 -> deepseek-reasoner"), reasoner);
        assertTrue(reasoner.contains(" ds ") && reasoner.contains(" claude-code ") && reasoner.contains(" 200 "), reasoner);
        assertTrue(reasoner.contains(" 1.23 s ") && reasoner.contains(" 0.40 s "), reasoner);
        assertTrue(reasoner.contains(" 2,000 ") && reasoner.contains(" 200 "), reasoner);
        assertTrue(house.endsWith("claude-sonnet-5 -> house-model"), house);
        // a model without a price reported tokens: its cost is unknown, never 0
        assertTrue(house.contains(" ? "), house);
        assertFalse(r.out().contains("deepseek-chat"), "only the newest two: " + r.out());
    }

    @Test
    void aModelNameAProviderOrClientChoseCannotWriteToTheTerminal() throws Exception {
        // the provider answered with a model name carrying a newline and an escape sequence (clear screen)
        record("ds", "s1", "evil\n2026-01-01 00:00:00  ds  FAKE\u001b[2J", 10, 1);

        CliRun.Result r = CliRun.run(home, "log");
        CliRun.Result byModel = CliRun.run(home, "usage", "--by", "model");

        assertEquals(0, r.code(), r.all());
        assertEquals(2, r.out().lines().count(), r.out()); // header + the one request
        assertTrue(r.out().contains("evil\\n2026-01-01 00:00:00  ds  FAKE\\u001B[2J"), r.out());
        assertEquals(0, byModel.code(), byModel.all());
        for (String out : List.of(r.out(), byModel.out())) {
            assertFalse(out.contains("\u001b"), out);
            assertTrue(out.lines().noneMatch(l -> l.startsWith("2026-01-01")), out);
        }
    }

    @Test
    void jsonLinesCarryEachRequestsFieldsAndNeverTheKey() throws Exception {
        record("ds", "s1", "deepseek-chat", 1000, 100);
        record(Clock.systemUTC(), "ds", "s1", "deepseek-chat", 502, null, null);

        CliRun.Result r = CliRun.run(home, "log", "--json");

        assertEquals(0, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode ok = Json.MAPPER.readTree(lines.get(0));
        assertEquals("ds", ok.path("profile").asString());
        assertEquals("claude-sonnet-5", ok.path("requestedModel").asString());
        assertEquals("deepseek-chat", ok.path("upstreamModel").asString());
        assertEquals(200, ok.path("status").asInt());
        assertEquals(1000, ok.path("inputTokens").asLong());
        assertEquals("0.000322", ok.path("costUsd").asString());
        assertEquals("s1", ok.path("sessionId").asString());
        assertTrue(ok.path("time").asString().endsWith("Z"), ok.toString());
        JsonNode failed = Json.MAPPER.readTree(lines.get(1));
        assertEquals(502, failed.path("status").asInt());
        assertEquals("0", failed.path("costUsd").asString(), "a failed request of a priced model costs nothing");
        assertTrue(failed.path("inputTokens").isNull(), failed.toString());
        assertFalse(failed.path("errorClass").isNull(), failed.toString());
        assertFalse(r.all().contains(KEY));
        assertFalse(CliRun.run(home, "log").all().contains(KEY));
    }

    @Test
    void filtersByProfileAndPeriodAndSaysWhenThereIsNothing() throws Exception {
        record(Clock.offset(Clock.systemUTC(), Duration.ofDays(-3)), "ds", "old", "deepseek-chat", 200, 10L, 1L);
        record("other", "s1", "claude-sonnet-4-5", 10, 1);
        record("ds", "s2", "deepseek-chat", 20, 2);

        String ds = CliRun.run(home, "log", "--profile", "ds").out();
        String recent = CliRun.run(home, "log", "--since", "24h", "--profile", "ds").out();
        CliRun.Result none = CliRun.run(home, "log", "--profile", "nobody");

        assertEquals(3, ds.lines().count(), ds); // header + both of ds's
        assertEquals(2, recent.lines().count(), recent);
        assertFalse(recent.contains("sonnet-4-5"), recent);
        assertEquals(0, none.code(), none.all());
        assertTrue(none.out().startsWith("no requests recorded for profile 'nobody' (in "), none.out());
    }

    @Test
    void badOptionsSayWhatToWrite() {
        CliRun.Result lines = CliRun.run(home, "log", "-n", "-1");
        CliRun.Result since = CliRun.run(home, "log", "--since", "lately");

        assertEquals(2, lines.code(), lines.all());
        assertTrue(lines.err().contains("--lines 50"), lines.err());
        assertEquals(2, since.code(), since.all());
        assertTrue(since.err().contains("--since 24h"), since.err());
    }

    @Test
    void followPrintsEachRequestAsItIsRecordedEvenOneStoredLateUntilInterrupted() throws Exception {
        record("ds", "before", "deepseek-chat", 1000, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread follower = new Thread(() -> code.set(Main.run(home.env(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "log", "--follow", "-n", "1")));
        follower.start();
        try {
            waitFor(() -> err.toString(StandardCharsets.UTF_8).contains("following "), "the follow to start: " + err);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("deepseek-chat"), "the last request first");

            record("ds", "live", "deepseek-reasoner", 2000, 200);
            waitFor(() -> out.toString(StandardCharsets.UTF_8).contains("deepseek-reasoner"), "the new request: " + out);
            // A request that ended earlier but was stored later (another proxy's batch): still shown, once.
            record(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3)), "other", "late", "late-model", 200, 5L, 5L);
            waitFor(() -> out.toString(StandardCharsets.UTF_8).contains("late-model"), "the late request: " + out);
            Thread.sleep(3 * io.signalbox.cli.LogCommandAccess.pollMillis());
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }

        assertFalse(follower.isAlive());
        assertEquals(0, code.get(), err.toString(StandardCharsets.UTF_8));
        String shown = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(shown, "deepseek-chat"), shown);
        assertEquals(1, count(shown, "deepseek-reasoner"), shown);
        assertEquals(1, count(shown, "late-model"), shown);
        assertTrue(shown.indexOf("deepseek-chat") < shown.indexOf("deepseek-reasoner"), shown);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
