package io.signalbox.app.usage;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestListener;
import io.signalbox.profile.Profile;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageEngine;
import io.signalbox.usage.UsageQueries;
import io.signalbox.usage.UsageReports;
import io.signalbox.usage.UsageSummary;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The engine's usage store as the usage screen sees it: {@link UsageReports} over the database
 * the proxy writes ({@code SIGNALBOX_DB_URL}, else {@code SIGNALBOX_HOME/usage.db}). As a
 * {@link RequestListener} it waits (off the caller's thread) until a finished request's row is
 * written, then tells its listeners; bursts of requests coalesce into one change.
 */
public final class StoreUsageSource implements UsageSource, RequestListener {
    private static final Logger LOG = Logger.getLogger(StoreUsageSource.class.getName());

    private final UsageQueries queries;
    private final UsageReports reports;
    private final String describe;
    private final Function<String, Profile> profiles;
    private final Runnable flush;
    private final LongSupplier lost;
    private final Executor background;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * @param profiles   finds a profile by name (null: none), for the hints on missing prices
     * @param flush      waits until the rows of requests so far are written (the in-process engine's flush)
     * @param lost       the in-process engine's count of unrecorded requests
     * @param background where the wait for the writer runs
     */
    public StoreUsageSource(UsageDb db, Clock clock, ZoneId zone, Function<String, Profile> profiles, Runnable flush,
            LongSupplier lost, Executor background) {
        try {
            db.migrate();
        } catch (RuntimeException e) {
            LOG.warning("the usage store could not be prepared: " + e.getMessage());
        }
        this.queries = new UsageQueries(db);
        this.reports = new UsageReports(queries, clock, zone);
        this.describe = db.describe();
        this.profiles = profiles;
        this.flush = flush;
        this.lost = lost;
        this.background = background;
    }

    /**
     * The store the in-process proxy writes ({@code SIGNALBOX_DB_URL}, else
     * {@code SIGNALBOX_HOME/usage.db}; when attached, the one the other Signalbox writes if it
     * shares this home), subscribed to {@code proxy}'s finished requests.
     */
    public static StoreUsageSource of(Signalbox sb, ProxyController proxy, Executor background) {
        StoreUsageSource s = new StoreUsageSource(UsageEngine.defaultDb(sb), sb.clock(), ZoneId.systemDefault(),
                name -> sb.profiles().find(name).orElse(null), proxy::flushUsage, proxy::lostUsage, background);
        proxy.subscribe(s);
        return s;
    }

    @Override
    public UsageSummary summary(LocalDate from, String by) {
        return reports.summary(reports.since(from.toString()), by, profiles);
    }

    @Override
    public java.util.List<io.signalbox.usage.UsageRow> recent(long beforeMillis, int limit) {
        try {
            return queries.newest("0000-00-00", 0, beforeMillis, null, limit);
        } catch (java.sql.SQLException e) {
            throw new io.signalbox.common.SignalboxException("cannot read the usage store " + describe + ": "
                    + e.getMessage(), "check that the usage store is readable (signalbox status)");
        }
    }

    @Override
    public long lost() {
        return lost.getAsLong();
    }

    @Override
    public void onEvent(RequestEvent e) {
        if (!e.isTerminal() || e.usage() == null || !pending.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            pending.set(false);
            flush.run();
            changed();
        });
    }

    /** Tells the listeners that the store changed. */
    public void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public AutoCloseable onChange(Runnable onChange) {
        listeners.add(onChange);
        return () -> listeners.remove(onChange);
    }
}
