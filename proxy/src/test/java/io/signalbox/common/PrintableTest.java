package io.signalbox.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Text a client or a provider chose (a model name, a profile name in a path, an error) goes into
 * serve's log, the terminal and the app: it must not be able to start a fake log line, move the
 * terminal's cursor, recolour it, or reverse the text around it.
 */
class PrintableTest {
    @Test
    void ordinaryTextIsLeftAsItIs() {
        String s = "claude-sonnet-5";
        assertSame(s, Printable.of(s));
        assertEquals("模型-é ok", Printable.of("模型-é ok"));
        assertEquals(null, Printable.of(null));
    }

    @Test
    void controlFormatAndSeparatorCharactersAreEscaped() {
        assertEquals("a\\nrequest id=99\\r\\tb", Printable.of("a\nrequest id=99\r\tb"));
        assertEquals("\\u001B[31mred\\u0000\\u007F", Printable.of("\u001b[31mred\u0000\u007f"));
        assertEquals("x\\u0085y\\u2028z\\u202Eevil", Printable.of("x\u0085y\u2028z\u202eevil"));
        assertEquals("back\\\\slash", Printable.of("back\\slash"), "a backslash is escaped too, so an escape cannot be forged");
    }

    @Test
    void aTokenWithSpacesOrQuotesIsQuotedSoItCannotAddAFieldToALogLine() {
        assertSame("claude-sonnet-5", Printable.token("claude-sonnet-5"));
        assertEquals("\"x status=200\"", Printable.token("x status=200"));
        assertEquals("\"say \\\"hi\\\"\"", Printable.token("say \"hi\""));
        assertEquals("\"a\\nb\"", Printable.token("a\nb"));
        assertEquals("\"\"", Printable.token(""));
    }
}
