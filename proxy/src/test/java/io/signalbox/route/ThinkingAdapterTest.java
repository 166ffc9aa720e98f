package io.signalbox.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.signalbox.profile.ThinkingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only the top-level adaptive thinking member changes, and only when the profile asks for it. */
class ThinkingAdapterTest {
    private static final String BODY = "{\"model\": \"m\",\n  \"max_tokens\": 32000, \"thinking\" : { \"type\" : \"adaptive\" },"
            + " \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"thinking\", \"thinking\": \"é\"}]}],"
            + " \"output_config\": {\"effort\": \"high\"}}";

    private static String adapt(String body, ThinkingMode mode) {
        return new String(ThinkingAdapter.apply(BodyBytes.of(body.getBytes(StandardCharsets.UTF_8)), mode)
                .toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void enabledReplacesOnlyTheAdaptiveMemberWithABudgetBelowMaxTokens() {
        assertEquals(BODY.replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"enabled\",\"budget_tokens\":16000}"),
                adapt(BODY, ThinkingMode.ENABLED));
        String small = BODY.replace("32000", "4000");
        assertEquals(small.replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"enabled\",\"budget_tokens\":3999}"),
                adapt(small, ThinkingMode.ENABLED));
    }

    @Test
    void offDisablesItAndSoDoesEnabledWhenMaxTokensLeavesNoRoomForABudget() {
        String disabled = BODY.replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"disabled\"}");
        assertEquals(disabled, adapt(BODY, ThinkingMode.OFF));
        String tiny = BODY.replace("32000", "1024");
        assertEquals(tiny.replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"disabled\"}"),
                adapt(tiny, ThinkingMode.ENABLED));
    }

    @Test
    void passOtherThinkingTypesAndBodiesWithoutThinkingAreLeftAsTheyAre() {
        BodyBytes b = BodyBytes.of(BODY.getBytes(StandardCharsets.UTF_8));
        assertSame(b, ThinkingAdapter.apply(b, ThinkingMode.PASS));
        assertSame(b, ThinkingAdapter.apply(b, null));
        String enabled = BODY.replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"enabled\",\"budget_tokens\":2048}");
        assertEquals(enabled, adapt(enabled, ThinkingMode.OFF));
        String none = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"{\\\"thinking\\\":"
                + "{\\\"type\\\":\\\"adaptive\\\"}}\"}]}";
        assertEquals(none, adapt(none, ThinkingMode.OFF), "a thinking inside the messages is the user's text");
    }

    @Test
    void itWorksOnTheModelRewritesSplicedBody() {
        BodyBytes rewritten = ModelRewrite.apply(BODY.getBytes(StandardCharsets.UTF_8), m -> "provider-model-7b").body();
        String out = new String(ThinkingAdapter.apply(rewritten, ThinkingMode.OFF).toByteArray(), StandardCharsets.UTF_8);
        assertEquals(BODY.replace("\"m\"", "\"provider-model-7b\"")
                .replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"disabled\"}"), out);
    }
}
