package io.signalbox.usage;

import io.signalbox.profile.Budget;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Budget checks that cost nothing on the request path: running totals per profile for the
 * current day and month, in memory, seeded from the store at start and moved on by the injected
 * clock. Warns at 80 % and at 100 %; refuses requests over a hard budget.
 */
public final class Budgets {
    private static final Logger LOG = Logger.getLogger(Budgets.class.getName());
    static final BigDecimal WARN_AT = new BigDecimal("0.8");

    /** Totals of one profile for one day and its month. */
    private static final class Totals {
        LocalDate day;
        BigDecimal dayCost = BigDecimal.ZERO;
        long dayTokens;
        BigDecimal monthCost = BigDecimal.ZERO;
        long monthTokens;

        Totals(LocalDate day) {
            this.day = day;
        }

        /** Moves to {@code today}: a new day clears the day, a new month clears both. */
        void roll(LocalDate today) {
            if (today.equals(day)) {
                return;
            }
            if (today.getYear() != day.getYear() || today.getMonth() != day.getMonth()) {
                monthCost = BigDecimal.ZERO;
                monthTokens = 0;
            }
            dayCost = BigDecimal.ZERO;
            dayTokens = 0;
            day = today;
        }

        BigDecimal used(Budget b) {
            boolean daily = b.period() == Budget.Period.DAILY;
            if (b.unit() == Budget.Unit.USD) {
                return daily ? dayCost : monthCost;
            }
            return BigDecimal.valueOf(daily ? dayTokens : monthTokens);
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private volatile Map<String, Totals> totals = new ConcurrentHashMap<>();
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<BudgetEvent>> listeners = new CopyOnWriteArrayList<>();

    public Budgets(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Subscribes to budget warnings (the app turns them into notifications); close to unsubscribe. */
    public AutoCloseable subscribe(Consumer<BudgetEvent> l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    /** One day's spending of a profile, as the store holds it. */
    record Spent(String profile, LocalDate day, BigDecimal cost, long tokens) {
    }

    /**
     * Replaces the running totals with {@code spent} (the store's rows of this month plus rows
     * still on their way to it): how instances sharing one database see each other's spending.
     */
    void replace(Iterable<Spent> spent) {
        Map<String, Totals> fresh = new ConcurrentHashMap<>();
        LocalDate today = today();
        for (Spent s : spent) {
            seed(fresh, today, s.profile(), s.day(), s.cost(), s.tokens());
        }
        totals = fresh;
    }

    private static void seed(Map<String, Totals> totals, LocalDate today, String profile, LocalDate day,
            BigDecimal cost, long tokens) {
        if (profile == null || day.getYear() != today.getYear() || day.getMonth() != today.getMonth()
                || day.isAfter(today)) {
            return;
        }
        Totals t = totals.computeIfAbsent(key(profile), k -> new Totals(today));
        synchronized (t) {
            t.roll(today);
            t.monthCost = t.monthCost.add(cost);
            t.monthTokens += tokens;
            if (day.equals(today)) {
                t.dayCost = t.dayCost.add(cost);
                t.dayTokens += tokens;
            }
        }
    }

    /** Counts a finished request and announces budgets it pushed past 80 % or 100 %. */
    public void add(Profile profile, BigDecimal cost, long tokens) {
        if (profile == null) {
            return;
        }
        LocalDate today = today();
        Totals t = totals.computeIfAbsent(key(profile.name()), k -> new Totals(today));
        synchronized (t) {
            t.roll(today);
            if (cost != null) {
                t.dayCost = t.dayCost.add(cost);
                t.monthCost = t.monthCost.add(cost);
            }
            t.dayTokens += tokens;
            t.monthTokens += tokens;
        }
        for (Budget b : profile.usageOrNone().budgets()) {
            BigDecimal used = used(profile.name(), b, today);
            if (used.compareTo(b.limit()) >= 0) {
                announce(profile, b, BudgetEvent.Level.EXCEEDED, used, today);
            } else if (used.compareTo(b.limit().multiply(WARN_AT)) >= 0) {
                announce(profile, b, BudgetEvent.Level.WARNING, used, today);
            }
        }
    }

    /**
     * Before forwarding: refuses when a hard budget of {@code profile} is used up.
     *
     * @throws Rejection (HTTP 402, budget_exceeded) naming the budget and how to raise it
     */
    public void check(Profile profile) {
        if (profile.usageOrNone().budgets().isEmpty()) {
            return;
        }
        LocalDate today = today();
        for (Budget b : profile.usageOrNone().budgets()) {
            BigDecimal used = used(profile.name(), b, today);
            if (used.compareTo(b.limit()) >= 0) {
                announce(profile, b, BudgetEvent.Level.EXCEEDED, used, today);
                if (!profile.usageOrNone().soft()) {
                    throw Rejection.budgetExceeded(message(profile, b, used) + "; requests are refused until "
                            + (b.period() == Budget.Period.DAILY ? "tomorrow" : "next month")
                            + ". Raise it with: " + raiseCommand(profile.name(), b, used)
                            + " (or make it a warning only: --soft-budget)");
                }
            }
        }
    }

    /** The command that raises {@code b} of {@code profile} above {@code used} (see {@link #raisedLimit}). */
    static String raiseCommand(String profile, Budget b, BigDecimal used) {
        return "signalbox profile edit " + profile + " --budget " + b.period().id() + "="
                + raisedLimit(b.limit(), used).toPlainString() + (b.unit() == Budget.Unit.USD ? "usd" : "tokens");
    }

    /**
     * The limit to suggest when {@code limit} is used up: at least twice it and above what has been
     * used (so the next request passes), rounded up to one significant digit (0.00005, 20, 3000000).
     */
    static BigDecimal raisedLimit(BigDecimal limit, BigDecimal used) {
        BigDecimal want = limit.multiply(BigDecimal.TWO).max(used);
        if (want.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal r = want.round(new java.math.MathContext(1, java.math.RoundingMode.CEILING));
        if (r.compareTo(used) <= 0) {
            r = r.add(r.ulp());
        }
        return r.stripTrailingZeros();
    }

    /** Spent in {@code b}'s period so far, in its unit. */
    public BigDecimal used(String profile, Budget b, LocalDate today) {
        Totals t = totals.get(key(profile));
        if (t == null) {
            return BigDecimal.ZERO;
        }
        synchronized (t) {
            t.roll(today);
            return t.used(b);
        }
    }

    private static String message(Profile p, Budget b, BigDecimal used) {
        String unit = b.unit() == Budget.Unit.USD ? " USD" : " tokens";
        return "profile '" + p.name() + "' has used " + Pricing.normalize(used).toPlainString() + unit + " of its "
                + b.period().id() + " budget of " + b.limit().toPlainString() + unit;
    }

    private void announce(Profile p, Budget b, BudgetEvent.Level level, BigDecimal used, LocalDate today) {
        String window = b.period() == Budget.Period.DAILY ? today.toString() : today.toString().substring(0, 7);
        if (!announced.add(key(p.name()) + "|" + b.describe() + "|" + level + "|" + window)) {
            return;
        }
        String msg = message(p, b, used) + (level == BudgetEvent.Level.WARNING ? " (80 % reached)"
                : p.usageOrNone().soft() ? " (soft budget: requests still pass)" : " (requests are refused)");
        LOG.warning(msg);
        BudgetEvent e = new BudgetEvent(p.name(), b, level, used, p.usageOrNone().soft(), msg);
        for (Consumer<BudgetEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.warning("a budget listener failed: " + ex.getClass().getSimpleName());
            }
        }
    }

    private static String key(String profile) {
        return profile.toLowerCase(Locale.ROOT);
    }
}
