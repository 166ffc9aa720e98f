package io.signalbox.route;

import io.signalbox.common.Json;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lowers a Messages request's top-level {@code max_tokens} to the profile's output cap, for a provider
 * whose models refuse Claude Code's 32,000–64,000 with a 400. A thinking budget that no longer fits
 * below the new {@code max_tokens} is lowered with it (or thinking is disabled when no budget of at
 * least 1,024 fits), since the Messages API refuses a budget at or above {@code max_tokens}. Only those
 * members' bytes change; every other byte reaches the upstream as the client sent it. Runs after
 * {@link ModelRewrite}, which has already checked that the body is one JSON object, and before
 * {@link ThinkingAdapter}, which sizes its budget from the lowered {@code max_tokens}.
 */
public final class OutputCap {
    private static final Set<String> MEMBERS = Set.of("max_tokens", "thinking");

    private OutputCap() {
    }

    /**
     * {@code body} with {@code max_tokens} at most {@code cap}; the same object when nothing changes.
     *
     * @throws Rejection (400) for a body with {@code max_tokens} twice, which could get past the cap
     */
    public static BodyBytes apply(BodyBytes body, Integer cap) {
        if (cap == null) {
            return body;
        }
        byte[] b = body.toByteArray();
        Map<String, TopLevel.Member> found = TopLevel.find(b, MEMBERS);
        TopLevel.Member max = found.get("max_tokens");
        if (max != null && max.repeated()) {
            // providers' parsers differ on which one counts: a second could get past the cap
            throw Rejection.invalidRequest("the request body has \"max_tokens\" twice; send it once");
        }
        if (max == null || !max.isWholeNumber() || max.number() <= cap) {
            return body;
        }
        byte[] out = TopLevel.splice(b, max.start(), max.end(), Integer.toString(cap));
        TopLevel.Member thinking = found.get("thinking");
        if (thinking != null) {
            String fitted = fittedThinking(java.util.Arrays.copyOfRange(b, thinking.start(), thinking.end()), cap);
            if (fitted != null) {
                int from = thinking.start() > max.start() ? thinking.start() + out.length - b.length : thinking.start();
                out = TopLevel.splice(out, from, from + (thinking.end() - thinking.start()), fitted);
            }
        }
        return BodyBytes.of(out);
    }

    /** The thinking member to send with {@code maxTokens}, or null when it fits as it is. */
    private static String fittedThinking(byte[] member, int maxTokens) {
        JsonNode t = Json.MAPPER.readTree(member);
        JsonNode budget = t.path("budget_tokens");
        if (!"enabled".equals(t.path("type").asString(null)) || !budget.canConvertToLong()
                || budget.asLong() < maxTokens) {
            return null;
        }
        if (maxTokens - 1 < ThinkingAdapter.MIN_BUDGET) {
            return "{\"type\":\"disabled\"}";
        }
        ObjectNode fitted = ((ObjectNode) t).deepCopy();
        fitted.put("budget_tokens", maxTokens - 1);
        return Json.COMPACT.writeValueAsString(fitted);
    }
}
