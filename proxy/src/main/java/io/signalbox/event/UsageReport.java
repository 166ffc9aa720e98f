package io.signalbox.event;

/**
 * What a finished request consumed, as the upstream reported it — token counts and timings,
 * never prompt or response text. Token fields are null when the upstream did not report them.
 *
 * <p>Token semantics are Anthropic's whatever the upstream format: {@code inputTokens} excludes
 * cache reads and writes; {@code cacheWriteTokens} counts all cache writes, of which
 * {@code cacheWrite1hTokens} had the 1-hour lifetime.
 *
 * @param client       {@code claude-code}, {@code codex} or {@code other}
 * @param sessionId    Claude Code's {@code x-claude-code-session-id} (null when absent)
 * @param endpoint     the client-facing path, e.g. {@code /v1/messages}
 * @param streamed     the response was an SSE stream
 * @param complete     the response reached its end (a stream cut short is not complete)
 * @param ttftMs       milliseconds from receipt to the first content event of a stream (-1: none)
 * @param responseModel the model the upstream said answered (null when not reported)
 * @param errorClass   the upstream's or proxy's error type (null on success)
 * @param failoverHops how many other upstreams were tried first
 */
public record UsageReport(
        String client,
        String sessionId,
        String endpoint,
        boolean streamed,
        boolean complete,
        long ttftMs,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long cacheWrite1hTokens,
        Long reasoningTokens,
        String responseModel,
        String errorClass,
        int failoverHops) {

    /** True when the upstream reported any token count. */
    public boolean reported() {
        return inputTokens != null || outputTokens != null;
    }

    /** All tokens, for token budgets: input, output, cache reads and writes. */
    public long totalTokens() {
        return n(inputTokens) + n(outputTokens) + n(cacheReadTokens) + n(cacheWriteTokens);
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
