package io.signalbox.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.app.testing.StoreRows;
import io.signalbox.app.usage.StoreUsageSource;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live log's history keeps the order in which requests were recorded, also for requests
 * recorded in the same second — or the same millisecond, as under load.
 */
class LiveLogOrderTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final Instant SECOND = Instant.parse("2026-11-22T09:00:00Z");
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T15:00:00Z"), UTC);

    @TempDir
    Path dir;

    @Test
    void requestsRecordedInTheSameSecondAppearInTheOrderTheyWereRecorded() throws Exception {
        UsageDb db = UsageDb.sqlite(dir.resolve("usage.db"));
        List<String> recorded = new ArrayList<>();
        // two requests in one second (milliseconds apart) ...
        store(db, SECOND, "first", recorded);
        store(db, SECOND.plusMillis(400), "second", recorded);
        // ... then a burst of requests all recorded in one millisecond: the time cannot order them
        try (StoreRows r = new StoreRows(db, SECOND.plusMillis(900), UTC, name -> Optional.empty())) {
            for (int i = 1; i <= 12; i++) {
                r.request("work", "burst-" + i, 10L, 1L, 200);
                recorded.add("burst-" + i);
            }
        }
        StoreUsageSource source = new StoreUsageSource(db, NOW, UTC, name -> null, () -> { }, () -> 0, Runnable::run);

        LiveLogViewModel log = new LiveLogViewModel(Runnable::run, NOW, UTC, e -> null);
        log.loadHistory(source.recent(NOW.millis(), 200));
        assertEquals(recorded, log.rows().stream().map(LogRow::model).toList(), "oldest first, as recorded");

        List<UsageRow> newestTwo = source.recent(NOW.millis(), 2);
        assertEquals(List.of("burst-11", "burst-12"), newestTwo.stream().map(UsageRow::requestedModel).toList(),
                "the newest two of the burst, the later one last");
        List<UsageRow> firstTwo = source.recent(SECOND.plusMillis(900).toEpochMilli(), 2);
        assertEquals(List.of("first", "second"), firstTwo.stream().map(UsageRow::requestedModel).toList());
    }

    private static void store(UsageDb db, Instant at, String model, List<String> recorded) throws Exception {
        try (StoreRows r = new StoreRows(db, at, UTC, name -> Optional.empty())) {
            r.request("work", model, 10L, 1L, 200);
        }
        recorded.add(model);
    }
}
