package io.signalbox.app.usage;

import java.time.Instant;
import java.util.List;

/**
 * Where the Usage &amp; cost screen reads from. {@link InMemoryUsageSource} serves until the
 * engine's usage store lands; the store plugs in here (through {@link io.signalbox.app.AppServices}).
 */
public interface UsageSource {
    /** Records with {@code from <= at < to}, oldest first. */
    List<UsageRecord> records(Instant from, Instant to);

    /** Calls {@code onChange} (on any thread) when records were added; returns a handle that stops it. */
    AutoCloseable onChange(Runnable onChange);
}
