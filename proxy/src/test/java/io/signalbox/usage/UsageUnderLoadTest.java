package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.testsupport.JvmProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: 1,000 concurrent requests give exactly 1,000 rows, even while another process locks the database. */
class UsageUnderLoadTest {
    @TempDir
    Path dir;
    UsageFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new UsageFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aThousandConcurrentRequestsGiveExactlyAThousandRows() throws Exception {
        assertEquals(List.of(), fire(0, 1000));

        assertRows(1000);
    }

    @Test
    void aThousandRequestsGiveAThousandRowsWhileAnotherProcessHoldsTheDatabaseLockedForFiveSeconds() throws Exception {
        assertEquals(List.of(), fire(0, 300));
        Path db = f.home.signalboxHome.resolve("usage.db");
        Process locker = JvmProcess.start(Map.of("PATH", System.getenv().getOrDefault("PATH", "")),
                SqliteLockerMain.class, db.toString(), "5000");
        BufferedReader out = new BufferedReader(new InputStreamReader(locker.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("LOCKED", out.readLine(), "the locking process should report that it holds the lock");

        // served while the database is locked: rows wait in memory
        assertEquals(List.of(), fire(300, 700));

        assertEquals("RELEASED", out.readLine());
        assertTrue(locker.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, locker.exitValue());
        assertRows(1000);
    }

    private void assertRows(int n) throws Exception {
        List<UsageRow> rows = f.rows(n);
        assertEquals(n, rows.size());
        assertEquals(n, new HashSet<>(rows.stream().map(UsageRow::uid).toList()).size());
        assertEquals(0, f.usage.lost());
        assertTrue(rows.stream().allMatch(r -> r.inputTokens() == 1200L && r.costUsd() != null));
    }

    /** Sends {@code count} requests at once (half streamed); returns the failures. */
    private List<String> fire(int from, int count) throws Exception {
        List<Future<HttpResponse<String>>> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < from + count; i++) {
                boolean stream = i % 2 == 0;
                all.add(pool.submit(() -> f.post("/v1/messages", UsageFixture.anthropicBody(stream), "claude-cli/2.1.197")));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Future<HttpResponse<String>> r : all) {
            HttpResponse<String> res = r.get();
            if (res.statusCode() != 200) {
                failures.add(res.statusCode() + " " + res.body());
            }
        }
        return failures;
    }
}
