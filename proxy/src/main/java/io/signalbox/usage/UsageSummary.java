package io.signalbox.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to {@code signalbox usage}: totals per group and overall. The JSON form is
 * documented in docs/usage-json.md.
 *
 * @param lost requests in the period that were served but could not be recorded
 * @param unpriced models seen without a price, each with the command that adds one
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageSummary(String since, String by, List<Group> groups, Group total, long lost,
        List<Unpriced> unpriced) {

    /**
     * Totals of one group. {@code costUsd} sums the requests with a known cost; requests whose cost
     * is unknown are counted in {@code unknownCostRequests} (so a total is never silently low).
     */
    public record Group(String key, long requests, long inputTokens, long outputTokens, long cacheReadTokens,
            long cacheWriteTokens, long reasoningTokens, @JsonIgnore BigDecimal cost, long unknownCostRequests) {

        /** The exact cost as a plain decimal string (JSON numbers lose digits in many readers). */
        @JsonProperty("costUsd")
        public String costUsd() {
            return cost.toPlainString();
        }

        @JsonProperty("totalTokens")
        public long totalTokens() {
            return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
        }
    }

    /** A model that had tokens but no price, and how to add one. */
    public record Unpriced(String profile, String model, long requests, String fix) {
    }
}
