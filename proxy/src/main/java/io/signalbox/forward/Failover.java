package io.signalbox.forward;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.Profile;
import io.signalbox.route.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Which profiles a request may go to, in order: the one it was routed to, then that profile's
 * fallbacks that serve the client's API. A profile whose provider could not take a request (no
 * connection, no answer, HTTP 408, 429 or 5xx, a hard budget used up) cools down for a while: until
 * then its requests go to the first fallback that is not cooling, without waiting for it to fail again.
 * It is still tried, after those that do not cool; while every one cools, they are tried in the profile's
 * order. A profile without fallbacks is always tried.
 */
public final class Failover {
    /** How long a profile that failed is passed over, unless its provider asked for longer (settings can change it). */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(
            io.signalbox.config.Settings.DEFAULT_FAILOVER_COOLDOWN_SECONDS);
    /** The longest a provider's Retry-After makes a profile cool down. */
    static final Duration MAX_COOLDOWN = Duration.ofMinutes(5);

    /**
     * When each profile that could not take a request failed, and until when its provider asked to be
     * left alone ({@code Retry-After}; the failure time when it did not ask). How long the cooldown lasts
     * is read when the chain is made, so a changed setting applies to profiles already cooling too.
     */
    private record Cooling(String name, long failedAt, long retryUntil) {
        long until(Duration cooldown) {
            long until = failedAt + cooldown.toNanos();
            return retryUntil - until > 0 ? retryUntil : until;
        }
    }

    private final Map<String, Cooling> coolUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanos;
    private volatile Duration cooldown;

    public Failover() {
        this(System::nanoTime, DEFAULT_COOLDOWN);
    }

    Failover(LongSupplier nanos, Duration cooldown) {
        this.nanos = nanos;
        this.cooldown = cooldown;
    }

    /** A provider's answer that another provider may well not give: it was not about the request itself. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500 && status <= 599;
    }

    /**
     * An error a provider reported inside a stream that another provider may well not give: overloaded,
     * rate limited, failing, out of credit, or an error it did not name (as a 5xx without words). An error
     * about the request itself (invalid, too large, no such model, a bad key) is not: the next provider
     * would refuse the same request, or it is this profile's own fault.
     */
    static boolean retryableStreamError(String type) {
        return switch (type) {
            case "overloaded_error", "api_error", "rate_limit_error", "timeout_error", "billing_error", // Anthropic
                    "server_error", "rate_limit_exceeded", "insufficient_quota", "service_unavailable", // OpenAI-style
                    "internal_error", "overloaded", "error" -> true; // "error": the provider named no type
            default -> false;
        };
    }

    /** The proxy's own refusal of a profile that another profile may not share (no connection, over budget). */
    static boolean retryable(Rejection r) {
        return r.status() == 402 || r.status() == 502 || r.status() == 504;
    }

    /** Whether {@code p} serves a client request for {@code e} (as it is, or translated). */
    static boolean serves(Profile p, Endpoint e) {
        return switch (e) {
            case MESSAGES -> true; // Anthropic as it is, either OpenAI API translated
            case COUNT_TOKENS -> p.format() == ApiFormat.ANTHROPIC;
            case CHAT_COMPLETIONS, RESPONSES -> p.format().isOpenAi();
            case MODELS, OPENAI_MODELS -> false;
        };
    }

    /**
     * {@code first}, then its fallbacks that exist ({@code lookup}) and serve {@code e}, those not
     * cooling down before those that are (each group in the profile's order).
     */
    List<Profile> chain(Profile first, Function<String, Optional<Profile>> lookup, Endpoint e) {
        if (first.fallbacks().isEmpty() || !e.hasModelBody()) {
            return List.of(first);
        }
        List<Profile> all = new ArrayList<>();
        all.add(first);
        for (String name : first.fallbacks()) {
            lookup.apply(name).filter(p -> serves(p, e))
                    .filter(p -> all.stream().noneMatch(q -> q.name().equalsIgnoreCase(p.name()))).ifPresent(all::add);
        }
        if (all.size() == 1) {
            return all;
        }
        long now = nanos.getAsLong();
        List<Profile> ready = new ArrayList<>(all.size());
        List<Profile> cooling = new ArrayList<>(2);
        for (Profile p : all) { // each profile's state read once: other requests change it meanwhile
            (cooling(p, now) ? cooling : ready).add(p);
        }
        ready.addAll(cooling);
        return ready;
    }

    /** The cooldown from now on (settings.json's {@code failoverCooldownSeconds}; zero: none). */
    void cooldown(Duration d) {
        if (!d.equals(cooldown)) {
            cooldown = d;
        }
    }

    /** {@code p} could not take a request: pass it over for the cooldown, or as long as its provider asked. */
    void failed(Profile p, Duration retryAfter) {
        long now = nanos.getAsLong();
        long asked = retryAfter == null || retryAfter.isNegative() ? 0
                : (retryAfter.compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : retryAfter).toNanos();
        coolUntil.put(key(p), new Cooling(p.name(), now, now + asked));
    }

    /** {@code p} answered: it is no longer passed over. */
    void served(Profile p) {
        if (!coolUntil.isEmpty()) {
            coolUntil.remove(key(p));
        }
    }

    private boolean cooling(Profile p, long now) {
        Cooling c = coolUntil.get(key(p));
        return c != null && c.until(cooldown) - now > 0;
    }

    /** The profiles passed over now, each with the time it still cools down, by name. */
    public java.util.SortedMap<String, Duration> coolingNow() {
        long now = nanos.getAsLong();
        Duration d = cooldown;
        java.util.SortedMap<String, Duration> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Cooling c : coolUntil.values()) {
            long left = c.until(d) - now;
            if (left > 0) {
                out.put(c.name(), Duration.ofNanos(left));
            }
        }
        return out;
    }

    private static String key(Profile p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Thrown by an attempt whose profile could not take the request before anything reached the
     * client: the next profile of the chain gets it.
     */
    static final class Unavailable extends RuntimeException {
        private final transient Rejection reason;
        private final transient Duration retryAfter;
        private final boolean cools;

        Unavailable(Rejection reason, Duration retryAfter) {
            this(reason, retryAfter, true);
        }

        /** {@code cools}: false for a profile that could not be tried at all (no key): not its provider's fault. */
        Unavailable(Rejection reason, Duration retryAfter, boolean cools) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
            this.cools = cools;
        }

        boolean cools() {
            return cools;
        }

        Rejection reason() {
            return reason;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
