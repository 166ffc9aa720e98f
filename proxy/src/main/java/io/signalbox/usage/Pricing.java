package io.signalbox.usage;

import io.signalbox.event.UsageReport;
import io.signalbox.profile.ModelPrice;
import io.signalbox.profile.Profile;
import io.signalbox.profile.UsagePolicy;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Cost of a request in USD, exactly (BigDecimal): tokens × USD per million tokens, times the
 * profile's multiplier. Unknown (null, never 0) when the model has no price, the upstream
 * reported no tokens, or a part with tokens has no price.
 */
public final class Pricing {
    private final PriceTable table;

    public Pricing(PriceTable table) {
        this.table = table;
    }

    public PriceTable table() {
        return table;
    }

    /** The price that applies to {@code model} for a profile: its override, else the table's. */
    public ModelPrice priceOf(Profile profile, String model, long promptTokens) {
        UsagePolicy policy = profile == null ? UsagePolicy.NONE : profile.usageOrNone();
        for (Map.Entry<String, ModelPrice> o : policy.prices().entrySet()) {
            if (model != null && o.getKey().toLowerCase(Locale.ROOT).equals(model.toLowerCase(Locale.ROOT))) {
                return o.getValue();
            }
        }
        return table.find(model, profile == null ? null : profile.preset())
                .map(e -> e.priceFor(promptTokens)).orElse(null);
    }

    /** The cost, or null when unknown. */
    public BigDecimal cost(Profile profile, String model, UsageReport u) {
        if (!u.reported()) {
            return null;
        }
        long in = n(u.inputTokens());
        long read = n(u.cacheReadTokens());
        long write = n(u.cacheWriteTokens());
        long write1h = Math.min(write, n(u.cacheWrite1hTokens()));
        ModelPrice p = priceOf(profile, model, in + read + write);
        if (p == null || p.input() == null || p.output() == null) {
            return null;
        }
        BigDecimal perMillion = p.input().multiply(BigDecimal.valueOf(in))
                .add(p.output().multiply(BigDecimal.valueOf(n(u.outputTokens()))));
        if (read > 0) {
            if (p.cacheRead() == null) {
                return null;
            }
            perMillion = perMillion.add(p.cacheRead().multiply(BigDecimal.valueOf(read)));
        }
        if (write - write1h > 0) {
            if (p.cacheWrite() == null) {
                return null;
            }
            perMillion = perMillion.add(p.cacheWrite().multiply(BigDecimal.valueOf(write - write1h)));
        }
        if (write1h > 0) {
            if (p.cacheWrite1hOrDefault() == null) {
                return null;
            }
            perMillion = perMillion.add(p.cacheWrite1hOrDefault().multiply(BigDecimal.valueOf(write1h)));
        }
        BigDecimal mult = profile == null ? BigDecimal.ONE : profile.usageOrNone().multiplierOrOne();
        return normalize(perMillion.movePointLeft(6).multiply(mult));
    }

    static BigDecimal normalize(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** How to add a missing price, for messages and the usage report. */
    public static String hint(String profile, String model) {
        return "signalbox profile edit " + (profile == null ? "NAME" : profile) + " --price "
                + (model == null ? "MODEL" : model) + "=" + ModelPrice.EXAMPLE;
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
