package io.signalbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.Json;
import org.junit.jupiter.api.Test;

/**
 * What a client puts in a request (the model it asks for, a profile name in the path) reaches serve's
 * log line and the error it gets back only escaped: a newline cannot start a forged log line, an
 * escape sequence cannot reach the terminal, a space cannot add a field to the line.
 */
class UntrustedTextTest extends LoggedProxyTest {
    private static void assertOneHarmlessLine(String line) {
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertFalse(line.contains("\u001b"), line);
        assertFalse(line.contains("\u202e"), line);
    }

    @Test
    void aModelNameWithANewlineAndAnEscapeSequenceIsEscapedInTheLogLine() throws Exception {
        String hostile = "claude-sonnet-5\nrequest id=99 status=200 outcome=completed \u001b[2J\u202e";
        var res = f.send(f.post("/v1/messages", ProxyFixture.message(hostile.replace("\n", "\\n")
                .replace("\u001b", "\\u001b").replace("\u202e", "\\u202e"), false)));
        assertEquals(200, res.statusCode(), res.body());

        String line = log.await(l -> l.contains("outcome=completed"), "the request");
        assertOneHarmlessLine(line);
        assertTrue(line.contains(" model=\"claude-sonnet-5\\nrequest id=99 status=200 outcome=completed \\u001B[2J\\u202E\" "),
                line);
        assertEquals(1, log.messages().size(), log.messages().toString());
    }

    @Test
    void aProfileNameInThePathIsEscapedInTheErrorAndTheLogLine() throws Exception {
        var res = f.send(f.post("/p/a%0Arequest%20id=99%1B%5B31m/v1/messages", ProxyFixture.message("claude-sonnet-5", false)));

        assertEquals(404, res.statusCode(), res.body());
        String m = Json.MAPPER.readTree(res.body()).path("error").path("message").asString();
        assertOneHarmlessLine(m);
        assertTrue(m.contains("no profile named 'a\\nrequest id=99\\u001B[31m'"), m);
        String line = log.await(l -> l.contains("status=404"), "the refused request");
        assertOneHarmlessLine(line);
    }
}
