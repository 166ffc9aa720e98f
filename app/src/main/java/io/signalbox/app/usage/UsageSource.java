package io.signalbox.app.usage;

import io.signalbox.usage.UsageSummary;
import java.time.LocalDate;

/**
 * Where the Usage &amp; cost screen reads from: {@link StoreUsageSource}, the engine's usage store
 * (the same database the in-process proxy, or another Signalbox, writes).
 */
public interface UsageSource {
    /**
     * Totals from midnight of {@code from} (the app's time zone) until now, grouped {@code by}
     * {@code day}, {@code profile} or {@code model}.
     *
     * @throws io.signalbox.common.SignalboxException when the store cannot be read
     */
    UsageSummary summary(LocalDate from, String by);

    /** Requests served since this app started whose usage could not be recorded. */
    long lost();

    /**
     * The newest {@code limit} stored requests that ended before {@code beforeMillis}, oldest first
     * (the live log's history from before the app started).
     *
     * @throws io.signalbox.common.SignalboxException when the store cannot be read
     */
    default java.util.List<io.signalbox.usage.UsageRow> recent(long beforeMillis, int limit) {
        return java.util.List.of();
    }

    /** Calls {@code onChange} (on any thread) when rows were added; returns a handle that stops it. */
    AutoCloseable onChange(Runnable onChange);
}
