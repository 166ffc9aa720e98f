package io.signalbox.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.common.SignalboxException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileValidationTest {
    private static Profile p(String name, String url, ApiFormat f) {
        return new Profile(name, url, f, AuthStyle.BEARER, null, null, null, null, null);
    }

    @Test
    void namesMustBeUrlAndKeychainSafe() {
        for (String bad : new String[] {"", " ", "-x", "a b", "a/b", "ü", "x".repeat(65)}) {
            SignalboxException e = assertThrows(SignalboxException.class,
                    () -> p(bad, "https://x.example", ApiFormat.ANTHROPIC).validate(), bad);
            assertTrue(e.fix().contains("letters, digits"), e.fix());
        }
        assertDoesNotThrow(() -> p("work-gateway_2.0", "https://x.example", ApiFormat.ANTHROPIC).validate());
    }

    @Test
    void anAnthropicBaseUrlEndingInV1IsRefusedWithTheDoubledPathNamed() {
        SignalboxException e = assertThrows(SignalboxException.class,
                () -> p("a", "https://api.example.com/v1/", ApiFormat.ANTHROPIC).validate());
        assertTrue(e.getMessage().contains("/v1/v1/messages"), e.getMessage());
        assertTrue(e.fix().contains("drop the trailing '/v1'"), e.fix());
    }

    @Test
    void anOpenAiBaseUrlMustStopBeforeTheEndpoint() {
        SignalboxException e = assertThrows(SignalboxException.class,
                () -> p("a", "https://api.example.com/v1/chat/completions", ApiFormat.OPENAI_CHAT).validate());
        assertTrue(e.fix().contains("/completions"), e.fix());
        assertDoesNotThrow(() -> p("a", "https://api.example.com/v1", ApiFormat.OPENAI_CHAT).validate());
    }

    @Test
    void baseUrlsNeedHttpOrHttpsAndAHostAndNoCredentials() {
        assertThrows(SignalboxException.class, () -> p("a", "ftp://x.example", ApiFormat.ANTHROPIC).validate());
        assertThrows(SignalboxException.class, () -> p("a", "https://", ApiFormat.ANTHROPIC).validate());
        assertThrows(SignalboxException.class, () -> p("a", "not a url", ApiFormat.ANTHROPIC).validate());
        SignalboxException e = assertThrows(SignalboxException.class,
                () -> p("a", "https://user:pw@x.example", ApiFormat.ANTHROPIC).validate());
        assertTrue(e.fix().contains("--key-stdin"));
    }

    @Test
    void aRefusedBaseUrlIsNeverEchoedWithTheSecretItCarries() {
        // a key pasted into the query (as Gemini's ?key=) or the user part, in a URL refused for any reason
        for (String url : new String[] {"https://api.example.com?key=AIzaSECRET1", "https://api.example.com/#AIzaSECRET1",
                "ftp://user:AIzaSECRET1@api.example.com", "https://user:AIzaSECRET1@api.example.com/v1",
                "https://user:AIzaSECRET1@/x", "https://user:AIzaSECRET1@api.example.com/ bad", "https://api.example.com/v1?key=AIzaSECRET1"}) {
            for (ApiFormat f : ApiFormat.values()) {
                SignalboxException e = assertThrows(SignalboxException.class, () -> p("a", url, f).validate(), url);
                assertFalse((e.getMessage() + e.fix()).contains("AIzaSECRET1"), e.getMessage() + " / " + e.fix());
            }
        }
    }

    @Test
    void credentialHeadersCannotBeSetAsExtraHeaders() {
        Profile withAuth = p("a", "https://x.example", ApiFormat.ANTHROPIC).withHeaders(Map.of("Authorization", "x"));
        SignalboxException e = assertThrows(SignalboxException.class, withAuth::validate);
        assertTrue(e.fix().contains("--key-stdin"));
        Profile crlf = p("a", "https://x.example", ApiFormat.ANTHROPIC).withHeaders(Map.of("X-Team", "a\r\nb"));
        assertThrows(SignalboxException.class, crlf::validate);
    }
}
