package io.signalbox.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ThinkingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only the top-level max_tokens (and a thinking budget that no longer fits) change, and only above the cap. */
class OutputCapTest {
    private static final String BODY = "{\"model\": \"m\",\n  \"max_tokens\" : 32000, \"thinking\" : { \"type\" : \"adaptive\" },"
            + " \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"é \\\"max_tokens\\\": 64000\"}]}],"
            + " \"metadata\": {\"max_tokens\": 99999}, \"output_config\": {\"effort\": \"high\"}}";

    private static String cap(String body, Integer cap) {
        return new String(OutputCap.apply(BodyBytes.of(body.getBytes(StandardCharsets.UTF_8)), cap).toByteArray(),
                StandardCharsets.UTF_8);
    }

    @Test
    void lowersOnlyTheTopLevelMaxTokensAndLeavesEveryOtherByte() {
        assertEquals(BODY.replace(": 32000,", ": 8192,"), cap(BODY, 8192));
    }

    @Test
    void aRequestWithinTheCapOrWithoutOneIsLeftAsItIs() {
        BodyBytes b = BodyBytes.of(BODY.getBytes(StandardCharsets.UTF_8));
        assertSame(b, OutputCap.apply(b, null));
        assertSame(b, OutputCap.apply(b, 32000));
        assertSame(b, OutputCap.apply(b, 64000));
        String none = "{\"model\":\"m\",\"messages\":[]}";
        assertEquals(none, cap(none, 1024));
        String fraction = "{\"model\":\"m\",\"max_tokens\":32000.5}";
        assertEquals(fraction, cap(fraction, 1024), "not a token count: the provider names it");
    }

    @Test
    void aWholeNumberWrittenAsADecimalIsLoweredAndATwiceGivenMaxTokensRefused() {
        assertEquals("{\"model\":\"m\",\"max_tokens\":8192}", cap("{\"model\":\"m\",\"max_tokens\":64000.0}", 8192));
        assertEquals("{\"max_tokens\":8192,\"model\":\"m\"}", cap("{\"max_tokens\":6.4e4,\"model\":\"m\"}", 8192));
        Rejection twice = assertThrows(Rejection.class,
                () -> cap("{\"max_tokens\":100,\"model\":\"m\",\"max_tokens\":64000}", 8192));
        assertEquals(400, twice.status());
        assertTrue(twice.getMessage().contains("\"max_tokens\" twice"), twice.getMessage());
    }

    @Test
    void aHugeMaxTokensIsLoweredToo() {
        assertEquals("{\"max_tokens\":4096,\"model\":\"m\"}", cap("{\"max_tokens\":123456789012345678901234567890,\"model\":\"m\"}", 4096));
    }

    @Test
    void aThinkingBudgetThatNoLongerFitsIsLoweredBelowTheNewMaxTokens() {
        String enabled = "{\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 16000, \"display\": \"x\"}, \"model\": \"m\","
                + " \"max_tokens\": 32000}";
        assertEquals("{\"thinking\": {\"type\":\"enabled\",\"budget_tokens\":7999,\"display\":\"x\"}, \"model\": \"m\","
                + " \"max_tokens\": 8000}", cap(enabled, 8000), "thinking before max_tokens");
        String after = "{\"model\": \"m\", \"max_tokens\": 32000, \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 16000}}";
        assertEquals("{\"model\": \"m\", \"max_tokens\": 8000, \"thinking\": {\"type\":\"enabled\",\"budget_tokens\":7999}}",
                cap(after, 8000), "thinking after max_tokens");
        assertEquals(after.replace("32000", "20000"), cap(after, 20000), "a budget that still fits is kept");
    }

    @Test
    void thinkingIsDisabledWhenNoBudgetOfTheSmallestSizeFits() {
        String enabled = "{\"model\": \"m\", \"max_tokens\": 32000, \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 4000}}";
        assertEquals("{\"model\": \"m\", \"max_tokens\": 1000, \"thinking\": {\"type\":\"disabled\"}}", cap(enabled, 1000));
    }

    @Test
    void theThinkingAdapterSizesItsBudgetFromTheLoweredMaxTokens() {
        BodyBytes capped = OutputCap.apply(ModelRewrite.apply(BODY.getBytes(StandardCharsets.UTF_8), m -> "p-7b").body(), 8192);
        String out = new String(ThinkingAdapter.apply(capped, ThinkingMode.ENABLED).toByteArray(), StandardCharsets.UTF_8);
        assertEquals(BODY.replace("\"m\"", "\"p-7b\"").replace(": 32000,", ": 8192,")
                .replace("{ \"type\" : \"adaptive\" }", "{\"type\":\"enabled\",\"budget_tokens\":8191}"), out);
    }
}
