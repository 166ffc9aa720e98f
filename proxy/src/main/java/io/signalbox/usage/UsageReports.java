package io.signalbox.usage;

import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds {@link UsageSummary} answers: a period ({@code 24h}, {@code 7d}, a date) and a grouping. */
public final class UsageReports {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})([hd])");
    public static final List<String> GROUPINGS = List.of("day", "profile", "model", "session", "client");

    /** A period start: rows from {@code millis} on, rolled-up days from {@code day} on. */
    public record Since(long millis, String day, String text) {
    }

    private final UsageQueries queries;
    private final Clock clock;
    private final ZoneId zone;

    public UsageReports(UsageQueries queries, Clock clock, ZoneId zone) {
        this.queries = queries;
        this.clock = clock;
        this.zone = zone;
    }

    /** Parses {@code 24h}, {@code 7d}, {@code 30d} or a date {@code 2026-03-01}. */
    public Since since(String text) {
        return since(text, clock, zone);
    }

    /** As {@link #since(String)}, from {@code clock}'s now in {@code zone}. */
    public static Since since(String text, Clock clock, ZoneId zone) {
        String t = text == null ? "30d" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = RELATIVE.matcher(t);
        Instant now = clock.instant();
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Instant from = now.minus(m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n));
            return new Since(from.toEpochMilli(), LocalDate.ofInstant(from, zone).toString(), t);
        }
        try {
            LocalDate d = LocalDate.parse(t);
            return new Since(d.atStartOfDay(zone).toInstant().toEpochMilli(), d.toString(), t);
        } catch (DateTimeParseException e) {
            throw new SignalboxException("--since '" + text + "' is not a period",
                    "use e.g. --since 24h, --since 7d, --since 30d or --since 2026-03-01");
        }
    }

    /** {@code by} as one of {@link #GROUPINGS} ({@code day} when null), or an error naming them. */
    public static String grouping(String by) {
        String group = by == null ? "day" : by.toLowerCase(Locale.ROOT);
        if (!GROUPINGS.contains(group)) {
            throw new SignalboxException("--by '" + by + "' is not a grouping", "use --by " + String.join("|", GROUPINGS));
        }
        return group;
    }

    /** Totals since {@code since}, grouped {@code by}; {@code profiles} looks up profiles for price hints. */
    public UsageSummary summary(Since since, String by, Function<String, Profile> profiles) {
        String group = grouping(by);
        List<UsageQueries.Part> parts;
        long lost;
        try {
            parts = queries.parts(since.millis(), since.day());
            lost = queries.lost(since.day());
        } catch (SQLException e) {
            throw new SignalboxException("cannot read the usage database: " + e.getMessage(),
                    "check SIGNALBOX_DB_URL, or that SIGNALBOX_HOME/usage.db is readable");
        }
        Map<String, UsageQueries.Part> groups = new TreeMap<>();
        Map<List<String>, Long> unpriced = new LinkedHashMap<>();
        UsageQueries.Part total = null;
        for (UsageQueries.Part p : parts) {
            String key = switch (group) {
                case "profile" -> p.profile();
                case "model" -> p.model();
                case "session" -> p.session();
                case "client" -> p.client();
                default -> p.day();
            };
            groups.merge(key == null ? "-" : key, p, UsageQueries::add);
            total = total == null ? p : UsageQueries.add(total, p);
            if (p.unknownCost() > 0) {
                unpriced.merge(List.of(p.profile() == null ? "" : p.profile(), p.model() == null ? "" : p.model()),
                        p.unknownCost(), Long::sum);
            }
        }
        List<UsageSummary.Group> out = new ArrayList<>();
        groups.forEach((k, p) -> out.add(group(k, p)));
        List<UsageSummary.Unpriced> hints = new ArrayList<>();
        unpriced.forEach((k, n) -> hints.add(new UsageSummary.Unpriced(k.get(0), k.get(1), n,
                Pricing.hint(k.get(0).isEmpty() ? null : k.get(0), k.get(1).isEmpty() ? null : k.get(1)))));
        return new UsageSummary(since.text(), group, out, total == null ? group("total", null) : group("total", total),
                lost, hints);
    }

    private static UsageSummary.Group group(String key, UsageQueries.Part p) {
        if (p == null) {
            return new UsageSummary.Group(key, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        }
        return new UsageSummary.Group(key, p.requests(), p.input(), p.output(), p.cacheRead(), p.cacheWrite(),
                p.reasoning(), Pricing.normalize(p.cost()), p.unknownCost());
    }
}
