package io.signalbox.app.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One finished request as the usage views see it.
 *
 * @param inputTokens  null when not known (before the usage engine extracts it)
 * @param outputTokens null when not known
 * @param cost         in US dollars; null when not known
 */
public record UsageRecord(Instant at, String profile, String model, Long inputTokens, Long outputTokens,
        BigDecimal cost, boolean failed) {

    public long tokensOrZero() {
        return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
    }

    public BigDecimal costOrZero() {
        return cost == null ? BigDecimal.ZERO : cost;
    }
}
