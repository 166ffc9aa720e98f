package io.signalbox.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads whole rows back (exports, {@code signalbox log}, tests). */
final class UsageRowReader {
    private UsageRowReader() {
    }

    private static final String COLUMNS = "SELECT uid, ts, day, profile, client, endpoint,"
            + " requested_model, upstream_model, response_model, status, error_class, streamed, complete,"
            + " latency_ms, ttft_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
            + " cache_write_1h_tokens, reasoning_tokens, cost_usd, session_id, failover_hops FROM usage_request";

    static List<UsageRow> read(UsageDb db, long sinceMillis) throws SQLException {
        return select(db, " WHERE ts >= ? ORDER BY ts, uid", sinceMillis);
    }

    /**
     * The rows of {@code WHERE day >= sinceDay AND ts >= sinceMillis AND ts < untilMillis} (the day
     * bound lets the (day, profile) index do the narrowing), of one profile when it is not null,
     * newest first, at most {@code limit}. Rows of one millisecond are ordered by uid, which grows in
     * the order the engine recorded them ({@link UsageEngine#timeOrderedUid}).
     */
    static List<UsageRow> newest(UsageDb db, String sinceDay, long sinceMillis, long untilMillis, String profile,
            int limit) throws SQLException {
        String where = " WHERE day >= ? AND ts >= ? AND ts < ?" + (profile == null ? "" : " AND profile = ?")
                + " ORDER BY ts DESC, uid DESC LIMIT " + Math.max(0, limit);
        return profile == null ? select(db, where, sinceDay, sinceMillis, untilMillis)
                : select(db, where, sinceDay, sinceMillis, untilMillis, profile);
    }

    /** Like {@link #newest} but every row, oldest first. */
    static List<UsageRow> since(UsageDb db, String sinceDay, long sinceMillis, String profile) throws SQLException {
        String where = " WHERE day >= ? AND ts >= ?" + (profile == null ? "" : " AND profile = ?") + " ORDER BY ts, uid";
        return profile == null ? select(db, where, sinceDay, sinceMillis) : select(db, where, sinceDay, sinceMillis, profile);
    }

    private static List<UsageRow> select(UsageDb db, String where, Object... params) throws SQLException {
        List<UsageRow> out = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(COLUMNS + where)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String cost = rs.getString(22);
                    out.add(new UsageRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10), rs.getString(11), rs.getInt(12) != 0, rs.getInt(13) != 0, rs.getLong(14),
                            lng(rs, 15), lng(rs, 16), lng(rs, 17), lng(rs, 18), lng(rs, 19), lng(rs, 20), lng(rs, 21),
                            cost == null ? null : new BigDecimal(cost), rs.getString(23), rs.getInt(24)));
                }
            }
        }
        return out;
    }

    private static Long lng(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }
}
