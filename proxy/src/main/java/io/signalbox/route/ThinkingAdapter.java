package io.signalbox.route;

import io.signalbox.common.Json;
import io.signalbox.profile.ThinkingMode;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Adapts Claude Code's top-level {@code "thinking": {"type": "adaptive"}} for a provider that refuses
 * it ({@link ThinkingMode}): only that member's bytes change; any other thinking setting, and every
 * other byte of the body, reaches the upstream as the client sent it. Runs after {@link ModelRewrite},
 * which has already checked that the body is one JSON object.
 */
public final class ThinkingAdapter {
    /** The budget for {@code enabled}: at most this, and always below the request's max_tokens. */
    static final int MAX_BUDGET = 16_000;
    /** Anthropic's smallest thinking budget. */
    static final int MIN_BUDGET = 1_024;
    private static final Set<String> MEMBERS = Set.of("thinking", "max_tokens");

    private ThinkingAdapter() {
    }

    /** {@code body} with adaptive thinking adapted to {@code mode}; the same object when nothing changes. */
    public static BodyBytes apply(BodyBytes body, ThinkingMode mode) {
        if (mode == null || mode == ThinkingMode.PASS) {
            return body;
        }
        byte[] b = body.toByteArray();
        Map<String, TopLevel.Member> found = TopLevel.find(b, MEMBERS);
        TopLevel.Member thinking = found.get("thinking");
        if (thinking == null) {
            return body;
        }
        JsonNode t = Json.MAPPER.readTree(java.util.Arrays.copyOfRange(b, thinking.start(), thinking.end()));
        if (!"adaptive".equals(t.path("type").asString(null))) {
            return body;
        }
        TopLevel.Member max = found.get("max_tokens");
        long maxTokens = max == null || !max.isWholeNumber() ? -1 : max.number();
        String replacement = mode == ThinkingMode.ENABLED && maxTokens > MIN_BUDGET
                ? "{\"type\":\"enabled\",\"budget_tokens\":" + Math.min(MAX_BUDGET, maxTokens - 1) + "}"
                : "{\"type\":\"disabled\"}";
        return BodyBytes.of(TopLevel.splice(b, thinking.start(), thinking.end(), replacement));
    }
}
