package io.signalbox.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer gives way to requests between slices of a batch while it keeps up, and writes straight
 * through once a backlog waits — on a saturated core each yield costs a scheduler slice, and
 * yielding through a backlog let the queue overflow and lose rows.
 */
class UsageWriterTest {
    @TempDir
    Path dir;

    @Test
    void aBacklogIsWrittenThroughWithoutGivingWayAndNoRowIsLost() throws Exception {
        UsageDb db = UsageDb.sqlite(dir.resolve("usage.db"));
        db.migrate();
        AtomicInteger yields = new AtomicInteger();
        UsageWriter w = new UsageWriter(db, 10_000, () -> "2026-03-10", yields::incrementAndGet);
        int rows = 6 * UsageWriter.BATCH; // a saturated core's backlog, queued before the writer runs
        for (int i = 0; i < rows; i++) {
            assertTrue(w.offer(UsageStoreContract.row("2026-03-10", "p", "m", null, 1L, "0.01")));
        }
        w.start();

        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();

        assertEquals(rows, new UsageQueries(db).rows(0).size());
        assertEquals(0, w.lost());
        // Six batches of BATCH rows: only the last one, with nothing behind it, gives way between its
        // slices. Yielding through the backlog (the old behaviour) would give six times as many.
        int perBatch = (UsageWriter.BATCH - 1) / UsageWriter.CHUNK;
        assertTrue(yields.get() <= perBatch, "yields while a backlog waited: " + yields.get());
    }

    @Test
    void whileTheWriterKeepsUpItGivesWayBetweenSlicesOfABatch() throws Exception {
        UsageDb db = UsageDb.sqlite(dir.resolve("usage.db"));
        db.migrate();
        AtomicInteger yields = new AtomicInteger();
        UsageWriter w = new UsageWriter(db, 10_000, () -> "2026-03-10", yields::incrementAndGet);
        int rows = 5 * UsageWriter.CHUNK; // a quiet proxy's rows: one batch, nothing behind it
        for (int i = 0; i < rows; i++) {
            assertTrue(w.offer(UsageStoreContract.row("2026-03-10", "p", "m", null, 1L, "0.01")));
        }
        w.start();

        assertTrue(w.flush(Duration.ofSeconds(60)));
        w.close();

        assertEquals(rows, new UsageQueries(db).rows(0).size());
        assertEquals(5, yields.get(), "a request waiting for the core should get it between slices: " + yields.get());
    }
}
