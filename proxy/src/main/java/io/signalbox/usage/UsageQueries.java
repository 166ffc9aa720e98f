package io.signalbox.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the store: totals grouped by day, profile, model or session, budget totals, and the
 * retention roll-up. Sums are made in Java with BigDecimal so costs stay exact on every dialect.
 */
public final class UsageQueries {
    /** One row's share of a total, whether it comes from usage_request or usage_daily. */
    record Part(String day, String profile, String client, String model, String session, long requests, long input,
            long output, long cacheRead, long cacheWrite, long reasoning, BigDecimal cost, long unknownCost) {
    }

    private final UsageDb db;

    public UsageQueries(UsageDb db) {
        this.db = db;
    }

    /** Every part since {@code sinceMillis} (rows) / {@code sinceDay} (rolled-up days). */
    List<Part> parts(long sinceMillis, String sinceDay) throws SQLException {
        List<Part> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT day, profile, client, upstream_model, response_model,"
                    + " requested_model, session_id, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
                    + " reasoning_tokens, cost_usd FROM usage_request WHERE ts >= ? AND day >= ?")) {
                ps.setLong(1, sinceMillis);
                ps.setString(2, sinceDay);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String model = first(rs.getString(4), rs.getString(5), rs.getString(6));
                        String cost = rs.getString(13);
                        boolean tokens = rs.getObject(8) != null || rs.getObject(9) != null;
                        out.add(new Part(rs.getString(1), rs.getString(2), rs.getString(3), model, rs.getString(7), 1,
                                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                                cost == null ? BigDecimal.ZERO : new BigDecimal(cost),
                                cost == null && tokens ? 1 : 0));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT day, profile, client, model, requests, input_tokens,"
                    + " output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd,"
                    + " unknown_cost_requests FROM usage_daily WHERE day >= ?")) {
                ps.setString(1, sinceDay);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Part(rs.getString(1), blankToNull(rs.getString(2)), rs.getString(3),
                                blankToNull(rs.getString(4)), null, rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                rs.getLong(8), rs.getLong(9), rs.getLong(10), new BigDecimal(rs.getString(11)),
                                rs.getLong(12)));
                    }
                }
            }
        }
        return out;
    }

    /** Requests served but not recorded, since {@code sinceDay}. */
    public long lost(String sinceDay) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT SUM(lost) FROM usage_gap WHERE day >= ?")) {
            ps.setString(1, sinceDay);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * The newest {@code limit} rows of requests that ended at or after {@code sinceMillis} (whose day
     * is {@code sinceDay} or later) and before {@code untilMillis}, of {@code profile} only when it is
     * not null; oldest first.
     */
    public List<UsageRow> newest(String sinceDay, long sinceMillis, long untilMillis, String profile, int limit)
            throws SQLException {
        List<UsageRow> rows = new ArrayList<>(UsageRowReader.newest(db, sinceDay, sinceMillis, untilMillis, profile,
                limit));
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** Every row stored at or after {@code sinceMillis} (day {@code sinceDay} or later), oldest first. */
    public List<UsageRow> rowsSince(String sinceDay, long sinceMillis, String profile) throws SQLException {
        return UsageRowReader.since(db, sinceDay, sinceMillis, profile);
    }

    /** Every stored row since {@code sinceMillis}, oldest first (for tests and exports). */
    public List<UsageRow> rows(long sinceMillis) throws SQLException {
        return UsageRowReader.read(db, sinceMillis);
    }

    /**
     * Rolls rows of days before {@code beforeDay} up into one line per day, profile, client and
     * model (usage_daily), then deletes them. Returns how many rows were rolled up.
     */
    public int rollUp(String beforeDay) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                Map<List<String>, Part> sums = new TreeMap<>((a, b) -> String.join("\u0000", a)
                        .compareTo(String.join("\u0000", b)));
                int rows = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT day, profile, client, upstream_model,"
                        + " response_model, requested_model, input_tokens, output_tokens, cache_read_tokens,"
                        + " cache_write_tokens, reasoning_tokens, cost_usd FROM usage_request WHERE day < ?")) {
                    ps.setString(1, beforeDay);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            String cost = rs.getString(12);
                            boolean tokens = rs.getObject(7) != null || rs.getObject(8) != null;
                            Part p = new Part(rs.getString(1), nz(rs.getString(2)), nz(rs.getString(3)),
                                    nz(first(rs.getString(4), rs.getString(5), rs.getString(6))), null, 1,
                                    rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                                    cost == null ? BigDecimal.ZERO : new BigDecimal(cost), cost == null && tokens ? 1 : 0);
                            sums.merge(List.of(p.day(), p.profile(), p.client(), p.model()), p, UsageQueries::add);
                        }
                    }
                }
                for (Part p : sums.values()) {
                    upsertDaily(c, p);
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_request WHERE day < ?")) {
                    ps.setString(1, beforeDay);
                    ps.executeUpdate();
                }
                c.commit();
                return rows;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void upsertDaily(Connection c, Part p) throws SQLException {
        Part total = p;
        try (PreparedStatement ps = c.prepareStatement("SELECT requests, input_tokens, output_tokens,"
                + " cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unknown_cost_requests"
                + " FROM usage_daily WHERE day = ? AND profile = ? AND client = ? AND model = ?")) {
            ps.setString(1, p.day());
            ps.setString(2, p.profile());
            ps.setString(3, p.client());
            ps.setString(4, p.model());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    total = add(p, new Part(p.day(), p.profile(), p.client(), p.model(), null, rs.getLong(1),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            new BigDecimal(rs.getString(7)), rs.getLong(8)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_daily (day, profile, client, model, requests,"
                + " input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd,"
                + " unknown_cost_requests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (day, profile, client, model) DO UPDATE SET requests = excluded.requests,"
                + " input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,"
                + " cache_read_tokens = excluded.cache_read_tokens, cache_write_tokens = excluded.cache_write_tokens,"
                + " reasoning_tokens = excluded.reasoning_tokens, cost_usd = excluded.cost_usd,"
                + " unknown_cost_requests = excluded.unknown_cost_requests")) {
            int i = 1;
            ps.setString(i++, total.day());
            ps.setString(i++, total.profile());
            ps.setString(i++, total.client());
            ps.setString(i++, total.model());
            ps.setLong(i++, total.requests());
            ps.setLong(i++, total.input());
            ps.setLong(i++, total.output());
            ps.setLong(i++, total.cacheRead());
            ps.setLong(i++, total.cacheWrite());
            ps.setLong(i++, total.reasoning());
            ps.setString(i++, Pricing.normalize(total.cost()).toPlainString());
            ps.setLong(i, total.unknownCost());
            ps.executeUpdate();
        }
    }

    static Part add(Part a, Part b) {
        return new Part(a.day(), a.profile(), a.client(), a.model(), a.session(), a.requests() + b.requests(),
                a.input() + b.input(), a.output() + b.output(), a.cacheRead() + b.cacheRead(),
                a.cacheWrite() + b.cacheWrite(), a.reasoning() + b.reasoning(), a.cost().add(b.cost()),
                a.unknownCost() + b.unknownCost());
    }

    /** Cost and tokens per profile (lower-cased) since {@code sinceDay}, per day — for seeding budgets. */
    Map<String, Map<String, Part>> totalsByProfileAndDay(String sinceDay) throws SQLException {
        Map<String, Map<String, Part>> out = new HashMap<>();
        for (Part p : parts(0, sinceDay)) {
            if (p.day().compareTo(sinceDay) < 0 || p.profile() == null) {
                continue;
            }
            out.computeIfAbsent(p.profile().toLowerCase(java.util.Locale.ROOT), k -> new HashMap<>())
                    .merge(p.day(), p, UsageQueries::add);
        }
        return out;
    }

    private static String first(String... s) {
        for (String v : s) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
