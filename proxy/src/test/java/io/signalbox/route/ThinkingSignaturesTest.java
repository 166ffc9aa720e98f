package io.signalbox.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding signatures in raw bytes, and leaving requests alone while only one upstream has signed. */
class ThinkingSignaturesTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signaturesAreFoundInBodiesAndEventsButNotInsideQuotedText() {
        String body = "{\"content\":[{\"type\":\"thinking\",\"thinking\":\"I wrote \\\"signature\\\":\\\"fake\\\"\","
                + "\"signature\" : \"Eq+/=A\"},{\"type\":\"text\",\"text\":\"é\"}]}";
        assertEquals(List.of("Eq+/=A"), ThinkingSignatures.signatures(b(body), 0, b(body).length));
        String event = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"signature_delta\",\"signature\":\"EqB\"}}\n\n";
        assertEquals(List.of("EqB"), ThinkingSignatures.signatures(b(event), 0, b(event).length));
        assertEquals(List.of(), ThinkingSignatures.signatures(b("{\"signature\":\"\"}"), 0, 16), "empty: none");
    }

    @Test
    void aRequestIsNotTouchedWhileOnlyItsOwnUpstreamHasSigned() {
        ThinkingSignatures ledger = new ThinkingSignatures();
        String a = ThinkingSignatures.origin("A", "model-a");
        BodyBytes req = BodyBytes.of(b("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"S1\"}]}]}"));
        assertSame(req, ledger.dropForeign(req, a), "nothing recorded yet");
        byte[] answer = b("{\"signature\":\"S1\"}");
        ledger.record(a, answer, 0, answer.length);
        assertEquals(a, ledger.originOf("S1"));
        assertNull(ledger.originOf("S2"));
        assertSame(req, ledger.dropForeign(req, a), "only A has signed: no scan, no copy");
        String other = ThinkingSignatures.origin("A", "model-a-bigger");
        String out = new String(ledger.dropForeign(req, other).toByteArray(), StandardCharsets.UTF_8);
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"[thinking omitted: it was signed by another provider or model]\"}]}]}", out,
                "another model of the same profile did not sign it either");
    }
}
