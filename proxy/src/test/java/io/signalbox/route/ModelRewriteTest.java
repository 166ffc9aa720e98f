package io.signalbox.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRewriteTest {
    static final ModelMap MAP = new ModelMap("big", "mid", "small", null, null,
            List.of(new ModelRule("claude-exact", "exact-target"), new ModelRule("gpt-*", "glob-target")));

    static String rewrite(String body) {
        return new String(ModelRewrite.apply(body.getBytes(StandardCharsets.UTF_8), MAP::resolve).body().toByteArray(),
                StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheTopLevelModelBytesChange() {
        String body = "{\"metadata\":{\"model\":\"claude-opus\"},\n  \"model\" : \"claude-sonnet-5\",\"tools\":[{\"x\":\"\\u00e9\"}]}";

        assertEquals(body.replace("\"claude-sonnet-5\"", "\"mid\""), rewrite(body));
    }

    @Test
    void exactGlobFamilyWithContextSuffixAndEscapesAllResolve() {
        assertEquals("{\"model\":\"exact-target\"}", rewrite("{\"model\":\"claude-exact\"}"));
        assertEquals("{\"model\":\"glob-target\"}", rewrite("{\"model\":\"gpt-4o\"}"));
        assertEquals("{\"model\":\"big\"}", rewrite("{\"model\":\"claude-opus-4-8[1m]\"}"));
        assertEquals("{\"model\":\"small\",\"a\":1}", rewrite("{\"model\":\"claude-haiku\\u002d4\",\"a\":1}"));
    }

    @Test
    void anUnmappedModelLeavesTheBodyUntouched() {
        byte[] body = "{\"model\":\"other\",\"x\":[1,2]}".getBytes(StandardCharsets.UTF_8);

        var r = ModelRewrite.apply(body, MAP::resolve);

        assertTrue(r.body().unchanged());
        assertArrayEquals(body, r.body().toByteArray());
        assertEquals("other", r.upstreamModel());
    }

    @Test
    void theRewrittenBodyWritesTheSameBytesItsArrayHolds() throws Exception {
        for (String body : List.of("{\"model\":\"claude-sonnet-5\"}", "{\"a\":[1],\"model\" : \"gpt-4o\" ,\"b\":\"é\"}",
                "{\"x\":\"" + "y".repeat(70_000) + "\",\"model\":\"claude-haiku-4-5\"}")) {
            BodyBytes b = ModelRewrite.apply(body.getBytes(StandardCharsets.UTF_8), MAP::resolve).body();
            var out = new java.io.ByteArrayOutputStream();
            b.writeTo(out);
            b.writeTo(out); // written again (a retry) gives the same bytes

            byte[] once = b.toByteArray();
            assertFalse(b.unchanged());
            assertEquals(once.length, b.length());
            byte[] twice = out.toByteArray();
            assertArrayEquals(once, java.util.Arrays.copyOf(twice, once.length));
            assertArrayEquals(once, java.util.Arrays.copyOfRange(twice, once.length, twice.length));
            var expected = (tools.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(body);
            expected.put("model", MAP.resolve(expected.path("model").asString()));
            assertEquals(expected, Json.MAPPER.readTree(once));
        }
    }

    @Test
    void aLargeBodyIsRewrittenWithoutTouchingTheRest() {
        String pad = "x".repeat(150_000);
        String body = "{\"system\":\"" + pad + "\",\"model\":\"claude-sonnet-5\",\"max_tokens\":64000}";

        assertArrayEquals(body.replace("claude-sonnet-5", "mid").getBytes(StandardCharsets.UTF_8),
                rewrite(body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesThatAreNotOneJsonObjectWithAStringModelAreRejected() {
        for (String bad : List.of("", "[]", "{\"model\":\"a\"", "{\"model\":\"a\"} {}", "{\"model\":42}",
                "{\"messages\":[]}", "nonsense")) {
            Rejection r = assertThrows(Rejection.class,
                    () -> ModelRewrite.apply(bad.getBytes(StandardCharsets.UTF_8), MAP::resolve), bad);
            assertEquals(400, r.status(), bad);
            assertEquals("invalid_request_error", r.type());
        }
    }

    @Test
    void replacementModelNamesAreWrittenAsJsonStringsThatReadBackUnchanged() {
        for (String name : new String[] {"plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline\u0001",
            "ünïcødé-模型-😀"}) {
            String json = new String(ModelRewrite.jsonString(name), java.nio.charset.StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertEquals(name,
                    io.signalbox.common.Json.MAPPER.readValue(json, String.class), json);
        }
    }
}
