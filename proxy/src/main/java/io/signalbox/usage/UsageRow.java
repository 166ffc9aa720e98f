package io.signalbox.usage;

import java.math.BigDecimal;

/**
 * One request as stored: counts, timings and names — never prompt or response text, never a key.
 * Token fields are null when the upstream reported none; {@code costUsd} is null when unknown.
 *
 * @param uid unique id (so a batch retried after an unclear failure is stored once)
 * @param day the calendar day of {@code timeMillis} in the engine's zone ({@code yyyy-MM-dd})
 */
public record UsageRow(
        String uid,
        long timeMillis,
        String day,
        String profile,
        String client,
        String endpoint,
        String requestedModel,
        String upstreamModel,
        String responseModel,
        int status,
        String errorClass,
        boolean streamed,
        boolean complete,
        long latencyMs,
        Long ttftMs,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long cacheWrite1hTokens,
        Long reasoningTokens,
        BigDecimal costUsd,
        String sessionId,
        int failoverHops) {

    /** The model a row is priced and grouped by: upstream, else answered, else requested. */
    public String model() {
        return upstreamModel != null ? upstreamModel : responseModel != null ? responseModel : requestedModel;
    }

    public long totalTokens() {
        return n(inputTokens) + n(outputTokens) + n(cacheReadTokens) + n(cacheWriteTokens);
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
