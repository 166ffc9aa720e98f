package io.signalbox.preflight;

import static io.signalbox.preflight.DiagnosisCode.*;

import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Preset;
import io.signalbox.profile.Presets;
import io.signalbox.profile.Profile;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Diagnoses whose fix hint needs some working out: the concrete command, URL or wait time. */
final class Fixes {
    private final Clock clock;

    Fixes(Clock clock) {
        this.clock = clock;
    }

    static String edit(Profile p, String args) {
        return "signalbox profile edit " + p.name() + " " + args;
    }

    /** The model slot a preflight request used: the one to change when its model is wrong. */
    String slot(Profile p) {
        return p.models().sonnet() != null ? "sonnet" : "default";
    }

    Diagnosis badCredential(Classifier.Call c, String message) {
        Profile p = c.profile();
        List<AuthStyle> others = p.auth().others();
        return Diagnosis.of(BAD_CREDENTIAL, message + "; the other header styles ("
                        + String.join(", ", others.stream().map(AuthStyle::id).toList()) + ") were rejected too",
                "store the right key: " + edit(p, "--key-stdin") + " (check it was copied whole, for this provider"
                        + " and region)");
    }

    Diagnosis wrongAuthStyle(Profile p, AuthStyle works) {
        return Diagnosis.of(WRONG_AUTH_STYLE, "the key is rejected as " + p.auth().headerName()
                        + " but accepted as " + works.headerName(),
                "switch --auth to " + works.id() + ": " + edit(p, "--auth " + works.id()));
    }

    Diagnosis doubledPath(Classifier.Call c, int status) {
        Profile p = c.profile();
        String base = p.baseUrl();
        String fixed = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base.replace("/v1/v1", "/v1");
        return Diagnosis.of(DOUBLED_PATH, "the request went to a doubled path " + c.uri().getPath() + " (HTTP "
                        + status + ")",
                "drop the extra /v1 from the base URL: " + edit(p, "--base-url " + fixed));
    }

    Diagnosis wrongBaseUrl(Classifier.Call c, String message) {
        return wrongBaseUrl(c, message, null);
    }

    /** @param knownBase a base URL known to be right (e.g. where a redirect leads), or null to work one out */
    Diagnosis wrongBaseUrl(Classifier.Call c, String message, String knownBase) {
        Profile p = c.profile();
        String base = knownBase != null ? knownBase : suggestedBase(p, p.format()).orElse("URL");
        return Diagnosis.of(WRONG_BASE_URL, "wrong base URL: " + message,
                "fix the base URL: " + edit(p, "--base-url " + base)
                        + " (" + (p.format() == ApiFormat.ANTHROPIC ? "Anthropic format: the API root without /v1"
                                : "OpenAI formats: the base up to and including /v1") + ")");
    }

    Diagnosis wrongFormat(Classifier.Call c, ApiFormat answered, int status) {
        Profile p = c.profile();
        String message = "wrong API format: sent a " + c.expected().id() + " request but got an "
                + (answered == ApiFormat.ANTHROPIC ? "Anthropic" : "OpenAI") + "-shaped answer (HTTP " + status + ")";
        Optional<String> sameFormatBase = suggestedBase(p, c.expected())
                .filter(u -> !u.equals(p.baseUrl()) && c.expected() == p.format());
        String fix;
        if (sameFormatBase.isPresent()) {
            fix = "point the profile at the provider's " + c.expected().id() + " endpoint: "
                    + edit(p, "--base-url " + sameFormatBase.get());
        } else if (answered == ApiFormat.ANTHROPIC) {
            String base = p.baseUrl().endsWith("/v1") ? p.baseUrl().substring(0, p.baseUrl().length() - 3) : p.baseUrl();
            fix = "this endpoint speaks Anthropic: " + edit(p, "--format anthropic --base-url " + base);
        } else {
            String base = p.baseUrl().endsWith("/v1") || answered == p.format() ? p.baseUrl() : p.baseUrl() + "/v1";
            fix = "this endpoint speaks OpenAI: " + edit(p, "--format " + answered.id() + " --base-url " + base)
                    + (c.expected() == ApiFormat.ANTHROPIC ? ", or use the provider's Anthropic endpoint"
                            + " (e.g. --base-url https://api.deepseek.com/anthropic)" : "");
        }
        return Diagnosis.of(WRONG_API_FORMAT, message, fix);
    }

    /** A base URL from a preset for the same host in {@code format}, if one differs from the profile's. */
    static Optional<String> suggestedBase(Profile p, ApiFormat format) {
        String host = host(p.baseUrl());
        for (Preset preset : Presets.all()) {
            if (preset.format() == format && host != null && host.equalsIgnoreCase(host(preset.baseUrl()))
                    && !preset.baseUrl().equals(p.baseUrl())) {
                return Optional.of(preset.baseUrl());
            }
        }
        URI u = URI.create(p.baseUrl());
        String path = u.getPath() == null ? "" : u.getPath();
        if (format.isOpenAi() && !path.endsWith("/v1")) {
            return Optional.of(p.baseUrl() + "/v1");
        }
        return Optional.empty();
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Diagnosis modelNotFound(Classifier.Call c, String message) {
        Profile p = c.profile();
        List<String> known = c.knownModels() == null ? List.of() : c.knownModels();
        List<String> others = known.stream().filter(k -> !k.equalsIgnoreCase(c.model())).toList();
        String pick = others.isEmpty() ? "MODEL" : closest(c.model(), others);
        String available = known.isEmpty() ? " (see the provider's model list)"
                : " (available: " + String.join(", ", known.subList(0, Math.min(10, known.size())))
                        + (known.size() > 10 ? ", … " + (known.size() - 10) + " more" : "") + ")";
        return Diagnosis.of(MODEL_NOT_FOUND, message,
                "map a model the provider has: " + edit(p, "--model " + slot(p) + "=" + pick) + available);
    }

    /** The known model sharing the longest prefix with {@code wanted}, else the first. */
    static String closest(String wanted, List<String> known) {
        String w = wanted == null ? "" : wanted.toLowerCase(Locale.ROOT);
        String best = known.get(0);
        int bestLen = -1;
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int n = 0;
            while (n < w.length() && n < kl.length() && w.charAt(n) == kl.charAt(n)) {
                n++;
            }
            if (n > bestLen) {
                best = k;
                bestLen = n;
            }
        }
        return best;
    }

    Diagnosis rateLimited(Classifier.Call c, HttpHeaders h, String quoted) {
        Optional<Duration> wait = retryAfter(h);
        String when = wait.map(d -> "retry in " + d.toSeconds() + " s").orElse("retry later");
        return Diagnosis.of(RATE_LIMITED, "rate-limited (HTTP 429); " + when + quoted,
                wait.map(d -> "wait " + d.toSeconds() + " s").orElse("wait a minute") + ", then run: signalbox test "
                        + c.profile().name() + " (or raise the key's rate limits on the provider's console)");
    }

    /** From {@code retry-after} (seconds or HTTP date), else the latest {@code anthropic-ratelimit-*-reset}. */
    Optional<Duration> retryAfter(HttpHeaders h) {
        Instant now = clock.instant();
        Optional<String> ra = h.firstValue("retry-after");
        if (ra.isPresent()) {
            String v = ra.get().trim();
            try {
                return Optional.of(Duration.ofSeconds((long) Math.ceil(Double.parseDouble(v))));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(nonNegative(Duration.between(now, at)));
                } catch (RuntimeException ignored) {
                    // fall through to the provider headers
                }
            }
        }
        Instant latest = null;
        for (Map.Entry<String, List<String>> e : h.map().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.startsWith("anthropic-ratelimit-") && k.endsWith("-reset") && !e.getValue().isEmpty()) {
                try {
                    Instant at = Instant.parse(e.getValue().get(0).trim());
                    latest = latest == null || at.isAfter(latest) ? at : latest;
                } catch (RuntimeException ignored) {
                    // not a timestamp
                }
            }
        }
        if (latest != null) {
            Duration d = nonNegative(Duration.between(now, latest));
            return Optional.of(d.plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        return Optional.empty();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
