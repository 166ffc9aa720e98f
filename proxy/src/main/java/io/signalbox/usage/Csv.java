package io.signalbox.usage;

import java.util.List;

/** RFC 4180 CSV: a header row, CRLF line ends, fields with comma, quote, CR or LF quoted (quotes doubled). */
public final class Csv {
    private Csv() {
    }

    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        return b.append("\r\n").toString();
    }

    /** The summary's groups as CSV (the header row first). */
    public static String of(UsageSummary s) {
        StringBuilder b = new StringBuilder(line(List.of(s.by(), "requests", "input_tokens", "output_tokens",
                "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "cost_usd", "unknown_cost_requests")));
        for (UsageSummary.Group g : s.groups()) {
            b.append(line(List.of(g.key(), Long.toString(g.requests()), Long.toString(g.inputTokens()),
                    Long.toString(g.outputTokens()), Long.toString(g.cacheReadTokens()),
                    Long.toString(g.cacheWriteTokens()), Long.toString(g.reasoningTokens()),
                    g.costUsd(), Long.toString(g.unknownCostRequests()))));
        }
        return b.toString();
    }
}
