package io.signalbox.route;

import io.signalbox.common.Json;
import io.signalbox.profile.ThinkingMode;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
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
    private static final TokenStreamFactory FACTORY = Json.MAPPER.tokenStreamFactory();

    private ThinkingAdapter() {
    }

    /** {@code body} with adaptive thinking adapted to {@code mode}; the same object when nothing changes. */
    public static BodyBytes apply(BodyBytes body, ThinkingMode mode) {
        if (mode == null || mode == ThinkingMode.PASS) {
            return body;
        }
        byte[] b = body.toByteArray();
        int start = -1;
        int end = -1;
        long maxTokens = -1;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), b)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return body;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("thinking") && v == JsonToken.START_OBJECT && start < 0) {
                    start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    end = (int) p.currentTokenLocation().getByteOffset() + 1;
                } else if (name.equals("max_tokens") && v == JsonToken.VALUE_NUMBER_INT) {
                    maxTokens = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return body; // ModelRewrite has validated it; nothing to adapt in anything else
        }
        if (start < 0) {
            return body;
        }
        JsonNode thinking = Json.MAPPER.readTree(java.util.Arrays.copyOfRange(b, start, end));
        if (!"adaptive".equals(thinking.path("type").asString(null))) {
            return body;
        }
        String replacement = mode == ThinkingMode.ENABLED && maxTokens > MIN_BUDGET
                ? "{\"type\":\"enabled\",\"budget_tokens\":" + Math.min(MAX_BUDGET, maxTokens - 1) + "}"
                : "{\"type\":\"disabled\"}";
        byte[] r = replacement.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length - (end - start) + r.length];
        System.arraycopy(b, 0, out, 0, start);
        System.arraycopy(r, 0, out, start, r.length);
        System.arraycopy(b, end, out, start + r.length, b.length - end);
        return BodyBytes.of(out);
    }
}
