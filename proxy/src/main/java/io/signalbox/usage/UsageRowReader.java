package io.signalbox.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads whole rows back (exports and tests). */
final class UsageRowReader {
    private UsageRowReader() {
    }

    static List<UsageRow> read(UsageDb db, long sinceMillis) throws SQLException {
        List<UsageRow> out = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT uid, ts, day, profile, client, endpoint,"
                        + " requested_model, upstream_model, response_model, status, error_class, streamed, complete,"
                        + " latency_ms, ttft_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
                        + " cache_write_1h_tokens, reasoning_tokens, cost_usd, session_id, failover_hops"
                        + " FROM usage_request WHERE ts >= ? ORDER BY ts, uid")) {
            ps.setLong(1, sinceMillis);
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
