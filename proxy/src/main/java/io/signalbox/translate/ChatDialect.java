package io.signalbox.translate;

import java.util.Locale;

/**
 * What one Chat Completions provider wants beyond the common core, known by its host (its API has
 * no way to ask):
 *
 * @param plainSchemas tool parameters in the subset of JSON Schema Google's Gemini accepts — its
 *     OpenAI-compatible endpoint refuses Claude Code's tool schemas with HTTP 400 for {@code $schema},
 *     {@code additionalProperties}, {@code exclusiveMinimum}, string formats other than
 *     {@code date-time} and {@code enum}, …
 * @param maxCompletionTokens the output limit as {@code max_completion_tokens}: OpenAI's own API (and
 *     Azure OpenAI) refuse {@code max_tokens} for their reasoning models (gpt-5, o-series)
 */
public record ChatDialect(boolean plainSchemas, boolean maxCompletionTokens) {
    /** Every other provider: the common core of Chat Completions. */
    public static final ChatDialect COMMON = new ChatDialect(false, false);

    /** The dialect of the provider at {@code host} (a base URL's host). */
    public static ChatDialect forHost(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        boolean gemini = h.equals("generativelanguage.googleapis.com");
        boolean openAi = h.equals("api.openai.com") || h.endsWith(".openai.azure.com");
        return gemini || openAi ? new ChatDialect(gemini, openAi) : COMMON;
    }
}
