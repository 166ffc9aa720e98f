package io.signalbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The order in which a request's profiles are tried, and how long a failed one is passed over. */
class FailoverTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Failover failover = new Failover(now::get, Duration.ofSeconds(30));

    private static Profile profile(String name, ApiFormat format, String... fallbacks) {
        return new Profile(name, "https://" + name.toLowerCase() + ".example", format, AuthStyle.BEARER, ModelMap.EMPTY,
                Map.of(), null, null, null, null, null, null, null, List.of(fallbacks));
    }

    private final Profile a = profile("A", ApiFormat.ANTHROPIC, "B", "Gone", "C", "R");
    private final Map<String, Profile> all = Map.of("a", a, "b", profile("B", ApiFormat.ANTHROPIC),
            "c", profile("C", ApiFormat.OPENAI_CHAT), "r", profile("R", ApiFormat.OPENAI_RESPONSES));

    private List<String> chain(Profile first, Endpoint e) {
        return failover.chain(first, n -> Optional.ofNullable(all.get(n.toLowerCase())), e).stream()
                .map(Profile::name).toList();
    }

    @Test
    void theProfileComesFirstThenItsFallbacksThatExistAndServeTheClientsApi() {
        assertEquals(List.of("A", "B", "C", "R"), chain(a, Endpoint.MESSAGES), "Claude Code: as it is or translated");
        assertEquals(List.of("A", "B"), chain(a, Endpoint.COUNT_TOKENS), "Chat Completions has no count_tokens");
        assertEquals(List.of("A", "C", "R"), chain(a, Endpoint.RESPONSES), "Codex: translated or as it is");
        assertEquals(List.of("A"), chain(a, Endpoint.MODELS), "a models list is not failed over");
        assertEquals(List.of("B"), chain(all.get("b"), Endpoint.MESSAGES));
    }

    @Test
    void aFailedProfileIsPassedOverForTheCooldownThenTriedFirstAgain() {
        failover.failed(a, null);
        assertEquals(List.of("B", "C", "R", "A"), chain(a, Endpoint.MESSAGES), "still tried, last");
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(List.of("B", "C", "R", "A"), chain(a, Endpoint.MESSAGES));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(List.of("A", "B", "C", "R"), chain(a, Endpoint.MESSAGES));

        failover.failed(a, null);
        failover.failed(all.get("b"), null);
        assertEquals(List.of("C", "R", "A", "B"), chain(a, Endpoint.MESSAGES));
        failover.served(a);
        assertEquals(List.of("A", "C", "R", "B"), chain(a, Endpoint.MESSAGES), "a profile that answered is not passed over");
    }

    @Test
    void aProvidersRetryAfterLengthensTheCooldownUpToFiveMinutes() {
        failover.failed(a, Duration.ofSeconds(120));
        now.addAndGet(Duration.ofSeconds(119).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getFirst());

        failover.failed(a, Duration.ofHours(2));
        now.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getFirst());

        failover.failed(a, Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast(), "never shorter than the cooldown");
    }

    @Test
    void theCooldownComesFromTheSettingsAndZeroMeansAFailedProfileIsTriedFirstAgain() {
        failover.cooldown(Duration.ofSeconds(5));
        failover.failed(a, null);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getFirst(), "5 s, not 30");

        failover.cooldown(Duration.ZERO);
        failover.failed(a, null);
        assertEquals("A", chain(a, Endpoint.MESSAGES).getFirst(), "no cooldown");
        failover.failed(a, Duration.ofSeconds(60));
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast(), "the provider's Retry-After still counts");
        failover.served(a);

        failover.cooldown(Duration.ofHours(1));
        failover.failed(a, null);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast());
        failover.cooldown(Duration.ZERO);
        assertEquals("A", chain(a, Endpoint.MESSAGES).getFirst(), "a lowered cooldown frees a profile already cooling");
        failover.cooldown(Duration.ofHours(1));
        assertEquals("A", chain(a, Endpoint.MESSAGES).getLast(), "and a raised one holds it again");
    }

    @Test
    void onlyAnswersAnotherProviderMayNotGiveAreFailedOver() {
        for (int s : new int[] {408, 429, 500, 502, 503, 504, 529}) {
            assertTrue(Failover.retryable(s), "HTTP " + s);
        }
        for (int s : new int[] {200, 400, 401, 403, 404, 413, 422}) {
            assertFalse(Failover.retryable(s), "HTTP " + s + " is about the request or the key");
        }
        assertTrue(Failover.retryable(Rejection.api(502, "cannot connect")));
        assertTrue(Failover.retryable(Rejection.api(504, "connect timeout")));
        assertTrue(Failover.retryable(Rejection.budgetExceeded("over the daily budget")));
        assertFalse(Failover.retryable(Rejection.authentication("no key stored")));
        assertFalse(Failover.retryable(Rejection.invalidRequest("malformed JSON")));
    }

    @Test
    void anErrorInsideAStreamIsFailedOverWhenAnotherProviderMayNotGiveIt() {
        for (String t : new String[] {"overloaded_error", "api_error", "rate_limit_error", "timeout_error",
                "server_error", "rate_limit_exceeded", "error"}) {
            assertTrue(Failover.retryableStreamError(t), t);
        }
        for (String t : new String[] {"invalid_request_error", "authentication_error", "permission_error",
                "not_found_error", "request_too_large", "context_length_exceeded", "invalid_api_key"}) {
            assertFalse(Failover.retryableStreamError(t), t + " is about the request or the key");
        }
    }
}
