package io.signalbox.app.testing;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.UsageReport;
import io.signalbox.profile.Profile;
import io.signalbox.usage.PriceTable;
import io.signalbox.usage.Pricing;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts requests into a usage store the way the proxy does — through the engine's own pricing and
 * writer — at a chosen time, so tests and screenshots can show history from before today.
 */
public final class StoreRows implements AutoCloseable {
    private final UsageEngine engine;
    private long id;

    public StoreRows(UsageDb db, Instant at, ZoneId zone, Function<String, Optional<Profile>> profiles) {
        this.engine = new UsageEngine(db, Clock.fixed(at, zone), zone, profiles, new Pricing(PriceTable.bundled()),
                UsageEngine.DEFAULT_QUEUE);
    }

    /** One finished non-streamed Messages request; null tokens: the upstream reported none. */
    public StoreRows request(String profile, String model, Long input, Long output, int status) {
        UsageReport u = new UsageReport("claude-code", null, "/v1/messages", false, status < 400, -1, input, output,
                input == null ? null : 0L, input == null ? null : 0L, null, null, model, null, 0);
        engine.onEvent(new RequestEvent(++id, RequestEvent.Kind.COMPLETED, "POST", "/v1/messages", profile, model,
                model, status, 250, 120, 512, null, u));
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        engine.flush(Duration.ofSeconds(30));
        engine.close();
    }
}
