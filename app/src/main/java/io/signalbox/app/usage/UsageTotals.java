package io.signalbox.app.usage;

import java.math.BigDecimal;
import java.util.Collection;

/** Sums over a set of records; tokens and cost are "known" only when some record knew them. */
public record UsageTotals(long requests, long failed, long inputTokens, long outputTokens, BigDecimal cost,
        boolean tokensKnown, boolean costKnown) {

    public static UsageTotals of(Collection<UsageRecord> records) {
        long failed = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        boolean tk = false;
        boolean ck = false;
        for (UsageRecord r : records) {
            failed += r.failed() ? 1 : 0;
            if (r.inputTokens() != null || r.outputTokens() != null) {
                tk = true;
                in += r.inputTokens() == null ? 0 : r.inputTokens();
                out += r.outputTokens() == null ? 0 : r.outputTokens();
            }
            if (r.cost() != null) {
                ck = true;
                cost = cost.add(r.cost());
            }
        }
        return new UsageTotals(records.size(), failed, in, out, cost, tk, ck);
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
