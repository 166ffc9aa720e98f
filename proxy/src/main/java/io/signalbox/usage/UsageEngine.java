package io.signalbox.usage;

import io.signalbox.Signalbox;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestListener;
import io.signalbox.event.UsageReport;
import io.signalbox.forward.Endpoint;
import io.signalbox.forward.UsageGate;
import io.signalbox.profile.Profile;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Usage accounting for a running proxy: taps responses ({@link UsageGate}), turns each finished
 * request into a priced {@link UsageRow} ({@link RequestListener}), keeps budgets and hands rows to
 * the background {@link UsageWriter}. The app and {@code serve} reach it through the proxy.
 */
public final class UsageEngine implements UsageGate, RequestListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UsageEngine.class.getName());
    public static final int DEFAULT_QUEUE = 20_000;

    private final UsageDb db;
    private final Clock clock;
    private final ZoneId zone;
    private final Function<String, Optional<Profile>> profiles;
    private final Pricing pricing;
    private final Budgets budgets;
    private final UsageWriter writer;
    private final ScheduledExecutorService refresher;
    /** How often budgets re-read a shared (PostgreSQL) store. */
    public static final Duration SHARED_REFRESH = Duration.ofSeconds(15);

    public UsageEngine(UsageDb db, Clock clock, ZoneId zone, Function<String, Optional<Profile>> profiles,
            Pricing pricing, int queueCapacity) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.profiles = profiles;
        this.pricing = pricing;
        this.budgets = new Budgets(clock, zone);
        db.migrate();
        seedBudgets();
        this.writer = new UsageWriter(db, queueCapacity, () -> budgets.today().toString());
        if (db.dialect() == UsageDb.Dialect.POSTGRES) {
            refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("signalbox-budget-refresh").factory());
            refresher.scheduleWithFixedDelay(this::refreshBudgets, SHARED_REFRESH.toSeconds(),
                    SHARED_REFRESH.toSeconds(), TimeUnit.SECONDS);
        } else {
            refresher = null;
        }
    }

    /** The store {@code signalbox serve} and the app use: SIGNALBOX_DB_URL, else SIGNALBOX_HOME/usage.db. */
    public static UsageDb defaultDb(Signalbox sb) {
        return sb.env().get("SIGNALBOX_DB_URL").map(UsageDb::url)
                .orElseGet(() -> UsageDb.sqlite(sb.home().resolve("usage.db")));
    }

    /** An engine on the default store, with the engine's clock and this machine's time zone. */
    public static UsageEngine open(Signalbox sb, Function<String, Optional<Profile>> profiles) {
        UsageEngine e = new UsageEngine(defaultDb(sb), sb.clock(), ZoneId.systemDefault(), profiles,
                new Pricing(PriceTable.bundled()), DEFAULT_QUEUE);
        e.retain(sb.settings().load().usageRetentionDaysOrDefault());
        return e;
    }

    /** Rolls rows older than {@code days} up by day (retention); a failure only delays it. */
    public void retain(int days) {
        retain(db, budgets.today().minusDays(days));
    }

    static void retain(UsageDb db, LocalDate before) {
        try {
            int n = new UsageQueries(db).rollUp(before.toString());
            if (n > 0) {
                LOG.info("rolled " + n + " usage rows from before " + before + " up by day");
            }
        } catch (SQLException e) {
            LOG.warning("usage retention skipped: " + e.getMessage());
        }
    }

    private void seedBudgets() {
        try {
            budgets.replace(stored());
        } catch (SQLException e) {
            LOG.warning("budgets start from zero: the usage database could not be read (" + e.getMessage() + ")");
        }
    }

    private List<Budgets.Spent> stored() throws SQLException {
        LocalDate monthStart = budgets.today().withDayOfMonth(1);
        List<Budgets.Spent> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, UsageQueries.Part>> p
                : new UsageQueries(db).totalsByProfileAndDay(monthStart.toString()).entrySet()) {
            for (UsageQueries.Part part : p.getValue().values()) {
                out.add(new Budgets.Spent(p.getKey(), LocalDate.parse(part.day()), part.cost(),
                        part.input() + part.output() + part.cacheRead() + part.cacheWrite()));
            }
        }
        return out;
    }

    /**
     * Re-reads this month's spending from the store (plus this instance's rows still on their way):
     * with a shared PostgreSQL store, how one instance's budgets see the others' requests. Runs
     * every {@link #SHARED_REFRESH} on PostgreSQL; a failure keeps the current totals.
     */
    public void refreshBudgets() {
        try {
            List<Budgets.Spent> all = stored();
            for (UsageRow r : writer.unwritten()) {
                all.add(new Budgets.Spent(r.profile(), LocalDate.parse(r.day()),
                        r.costUsd() == null ? BigDecimal.ZERO : r.costUsd(), r.totalTokens()));
            }
            budgets.replace(all);
        } catch (SQLException e) {
            LOG.warning("budget totals not refreshed from the shared usage database: " + e.getMessage());
        }
    }

    public UsageDb db() {
        return db;
    }

    public Budgets budgets() {
        return budgets;
    }

    public UsageQueries queries() {
        return new UsageQueries(db);
    }

    /** Requests served but not recorded since start (queue overflow or shutdown): shown, never silent. */
    public long lost() {
        return writer.lost();
    }

    /** Rows waiting for the database (e.g. while it is locked). */
    public int pending() {
        return writer.pending();
    }

    /** The database error being retried now, or null. */
    public String lastError() {
        return writer.lastError();
    }

    /** Waits until every row so far is in the database; false on timeout. */
    public boolean flush(Duration timeout) throws InterruptedException {
        return writer.flush(timeout);
    }

    @Override
    public Tap open(Endpoint endpoint, Headers headers) {
        return new UsageTap(endpoint, headers);
    }

    @Override
    public void admit(Profile profile) {
        budgets.check(profile);
    }

    @Override
    public boolean terminalOnly() {
        return true;
    }

    @Override
    public void onEvent(RequestEvent e) {
        if (!e.isTerminal() || e.usage() == null) {
            return;
        }
        record(e, e.usage());
    }

    /**
     * The cost in USD of a terminal event's request, as it is stored: null when unknown (no price
     * for the model, or no token counts), zero for unbilled endpoints and error answers without tokens.
     */
    public BigDecimal cost(RequestEvent e) {
        if (e.usage() == null) {
            return null;
        }
        return cost(e, e.usage(), e.profile() == null ? null : profiles.apply(e.profile()).orElse(null));
    }

    private BigDecimal cost(RequestEvent e, UsageReport u, Profile profile) {
        String model = e.upstreamModel() != null ? e.upstreamModel()
                : u.responseModel() != null ? u.responseModel() : e.requestedModel();
        boolean billed = u.endpoint().equals(Endpoint.MESSAGES.path()) || u.endpoint().equals(
                Endpoint.CHAT_COMPLETIONS.path()) || u.endpoint().equals(Endpoint.RESPONSES.path());
        BigDecimal cost = billed ? pricing.cost(profile, model, u) : BigDecimal.ZERO;
        if (!u.reported() && billed && e.status() >= 400) {
            cost = BigDecimal.ZERO; // an error answer carries no tokens and costs nothing
        }
        return cost;
    }

    private void record(RequestEvent e, UsageReport u) {
        Profile profile = e.profile() == null ? null : profiles.apply(e.profile()).orElse(null);
        BigDecimal cost = cost(e, u, profile);
        budgets.add(profile, cost, u.totalTokens());
        boolean failed = e.kind() == RequestEvent.Kind.FAILED;
        String errorClass = u.errorClass() != null ? u.errorClass()
                : failed ? (e.status() == 499 ? "client_disconnected" : "proxy_error")
                : e.status() >= 400 ? "http_" + e.status() : null;
        long now = clock.millis();
        writer.offer(new UsageRow(timeOrderedUid(now), now, day(now), e.profile(), u.client(),
                u.endpoint(), e.requestedModel(), e.upstreamModel(), u.responseModel(), e.status(), errorClass,
                u.streamed(), u.complete() && !failed, e.latencyMs(), u.ttftMs() < 0 ? null : u.ttftMs(),
                u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.cacheWrite1hTokens(),
                u.reasoningTokens(), cost, u.sessionId(), u.failoverHops()));
    }

    /** The last uid's time and counter ({@code millis << 12 | counter}): uids only grow. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_UID = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A UUID (version 7: the millisecond time, a 12-bit counter, then 62 random bits; RFC 9562's
     * counter method): unique like a random one, and each uid is greater than the one drawn before
     * it, so rows recorded in the same millisecond sort (by ts, then uid) in the order they were
     * recorded. Rows inserted in time order append to the end of the uid index instead of landing
     * on a random page of it, and no SecureRandom is drawn on the request's thread. More than 4096
     * rows in one millisecond borrow the next millisecond's counter (the ts column keeps the time).
     */
    static String timeOrderedUid(long millis) {
        long base = millis << 12;
        long seq = LAST_UID.updateAndGet(last -> Math.max(last + 1, base));
        long msb = ((seq >>> 12) << 16) | 0x7000L | (seq & 0x0FFFL);
        long lsb = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL)
                | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** {@code now}'s day in the zone, computed once per day rather than per row. */
    private String day(long millis) {
        DayCache c = dayCache;
        if (c == null || millis < c.from || millis >= c.until) {
            LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
            long from = d.atStartOfDay(zone).toInstant().toEpochMilli();
            long until = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            c = new DayCache(from, until, d.toString());
            dayCache = c;
        }
        return c.day;
    }

    private record DayCache(long from, long until, String day) {
    }

    private volatile DayCache dayCache;

    /** Stops: writes queued rows (retrying for up to {@code grace}). */
    public void close(Duration grace) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        writer.close(grace);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
