package io.signalbox.usage;

import tools.jackson.databind.JsonNode;

/**
 * Token counts read from one usage object, normalised to Anthropic's meaning: {@code input}
 * excludes cache reads and writes. OpenAI's {@code prompt_tokens}/{@code input_tokens} include the
 * cached tokens, so they are subtracted here — once.
 */
record TokenCounts(Long input, Long output, Long cacheRead, Long cacheWrite, Long cacheWrite1h, Long reasoning) {

    /** Anthropic Messages {@code usage} (message_start, message_delta, or a whole message). */
    static TokenCounts anthropic(JsonNode u) {
        Long write = num(u, "cache_creation_input_tokens");
        Long write1h = null;
        JsonNode cc = u.path("cache_creation");
        if (cc.isObject()) {
            Long m5 = num(cc, "ephemeral_5m_input_tokens");
            write1h = num(cc, "ephemeral_1h_input_tokens");
            if (write == null && (m5 != null || write1h != null)) {
                write = (m5 == null ? 0 : m5) + (write1h == null ? 0 : write1h);
            }
        }
        return new TokenCounts(num(u, "input_tokens"), num(u, "output_tokens"), num(u, "cache_read_input_tokens"),
                write, write1h, null);
    }

    /** OpenAI Chat Completions {@code usage}; DeepSeek's prompt_cache_hit_tokens is read as the cached part. */
    static TokenCounts openAiChat(JsonNode u) {
        Long prompt = num(u, "prompt_tokens");
        Long cached = num(u.path("prompt_tokens_details"), "cached_tokens");
        if (cached == null) {
            cached = num(u, "prompt_cache_hit_tokens");
        }
        Long reasoning = num(u.path("completion_tokens_details"), "reasoning_tokens");
        return new TokenCounts(minus(prompt, cached), num(u, "completion_tokens"), cached, null, null, reasoning);
    }

    /** OpenAI Responses {@code usage} (input_tokens includes input_tokens_details.cached_tokens). */
    static TokenCounts openAiResponses(JsonNode u) {
        Long in = num(u, "input_tokens");
        Long cached = num(u.path("input_tokens_details"), "cached_tokens");
        Long reasoning = num(u.path("output_tokens_details"), "reasoning_tokens");
        return new TokenCounts(minus(in, cached), num(u, "output_tokens"), cached, null, null, reasoning);
    }

    /** Values of {@code later} where it has them, else these (Anthropic's message_delta is cumulative). */
    TokenCounts overlay(TokenCounts later) {
        return new TokenCounts(or(later.input, input), or(later.output, output), or(later.cacheRead, cacheRead),
                or(later.cacheWrite, cacheWrite), or(later.cacheWrite1h, cacheWrite1h), or(later.reasoning, reasoning));
    }

    private static Long minus(Long total, Long cached) {
        if (total == null) {
            return null;
        }
        return cached == null ? total : Math.max(0, total - cached);
    }

    private static Long or(Long a, Long b) {
        return a != null ? a : b;
    }

    private static Long num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asLong() : null;
    }
}
