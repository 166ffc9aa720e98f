package io.signalbox.usage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the usage store as rows arrive ({@code signalbox log --follow}). A row is stored when
 * its request ends, up to a batch later, and rows from concurrent requests can be committed out
 * of time order; so each poll reads back a window of {@link #LOOKBACK_MILLIS} before the newest row
 * seen and prints only the rows it has not printed yet. Works on SQLite and PostgreSQL alike, and
 * for several proxies writing to one shared store.
 */
public final class UsageTail {
    /** How late (after its own time) a row may be stored and still be shown. */
    static final long LOOKBACK_MILLIS = 10_000;

    private final UsageQueries queries;
    private final String profile;
    private final ZoneId zone;
    private final Map<String, Long> seen = new HashMap<>();
    private long newest;

    /**
     * Starts following at {@code clock}'s now: rows already stored (in the look-back window) count as
     * shown, so that the first {@link #poll()} only returns what arrives from here on.
     */
    public UsageTail(UsageQueries queries, String profile, Clock clock, ZoneId zone) throws SQLException {
        this.queries = queries;
        this.profile = profile;
        this.zone = zone;
        this.newest = clock.millis();
        for (UsageRow r : window()) {
            remember(r);
        }
    }

    /** Rows stored since the last poll (or since this tail started) that it has not returned yet, oldest first. */
    public List<UsageRow> poll() throws SQLException {
        List<UsageRow> fresh = new ArrayList<>();
        for (UsageRow r : window()) {
            if (!seen.containsKey(r.uid())) {
                fresh.add(r);
                remember(r);
            }
        }
        long floor = newest - LOOKBACK_MILLIS;
        seen.values().removeIf(ts -> ts < floor);
        return fresh;
    }

    private List<UsageRow> window() throws SQLException {
        long from = newest - LOOKBACK_MILLIS;
        // two days before, in case the store's day was written in another time zone
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(from), zone).minusDays(2).toString();
        return queries.rowsSince(day, from, profile);
    }

    private void remember(UsageRow r) {
        seen.put(r.uid(), r.timeMillis());
        newest = Math.max(newest, r.timeMillis());
    }
}
