package io.signalbox.preflight;

import static io.signalbox.preflight.DiagnosisCode.*;

import io.signalbox.common.Json;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.Profile;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns one HTTP answer into a {@link Diagnosis}. Network failures are {@link Failures}' job;
 * fix hints are {@link Fixes}'. Provider text is scrubbed of secrets before it is quoted.
 */
final class Classifier {
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern MODEL_MISSING = Pattern.compile(
            "(?i)model.*(not[ _-]?found|not[ _-]?exist|does not exist|unknown|invalid|unsupported|no such|not available)"
                    + "|(not[ _-]?found|unknown|invalid|unsupported|no such).*model|model_not_found");
    private static final Pattern BALANCE = Pattern.compile(
            "(?i)balance|credit|billing|insufficient[ _]quota|payment|quota exceeded|top[ -]?up|recharge");

    /** Which request the answer belongs to. */
    record Call(Profile profile, Step step, URI uri, ApiFormat expected, String model, List<String> knownModels,
                boolean viaProxy) {
    }

    private final Fixes fixes;
    private final UnaryOperator<String> scrub;

    Classifier(Fixes fixes, UnaryOperator<String> scrub) {
        this.fixes = fixes;
        this.scrub = scrub;
    }

    /** The diagnosis of an error status, or of a 2xx whose body is not what {@code c.expected()} answers. */
    Diagnosis classify(Call c, Http.Response r) {
        int s = r.status();
        String name = c.profile().name();
        JsonNode json = parse(r.body());
        if (isHtml(r)) {
            String title = title(r.body());
            if (s == 404 || s == 405) {
                return fixes.wrongBaseUrl(c, "HTTP " + s + " with an HTML page" + title + ": " + c.uri().getPath()
                        + " does not exist at this base URL");
            }
            return Diagnosis.of(HTML_RESPONSE, "got an HTML page" + title + " (HTTP " + s
                    + ") instead of JSON: a login page, captive portal or website, not the API",
                    "check the base URL points at the API (signalbox profile edit " + name + " --base-url URL);"
                            + " if a network login page is in the way, sign in to the network first");
        }
        String said = providerMessage(json, r.body());
        String quoted = said.isEmpty() ? "" : ": " + said;
        if (c.viaProxy() && (s == 401 || s == 403)) {
            return Diagnosis.of(PROXY_AUTH, "the local proxy rejected the local token (HTTP " + s + ")" + quoted,
                    "restart the proxy so it reads the current token in its SIGNALBOX_HOME (signalbox serve)");
        }
        if (s / 100 == 2) {
            return answer(c, json, r);
        }
        if (s / 100 == 3) {
            String to = r.headers().firstValue("location").map(Classifier::oneLine).orElse("elsewhere");
            String suffix = c.uri().toString().startsWith(c.profile().baseUrl())
                    ? c.uri().toString().substring(c.profile().baseUrl().length()) : null;
            String newBase = suffix != null && !suffix.isEmpty() && to.endsWith(suffix)
                    ? to.substring(0, to.length() - suffix.length()) : null;
            return fixes.wrongBaseUrl(c, "HTTP " + s + ": " + c.uri().getPath() + " redirects to " + to
                    + " (clients treat a redirect as a failure)", newBase);
        }
        if (s == 401) {
            return fixes.badCredential(c, "the provider rejected the key (HTTP 401)" + quoted);
        }
        if (s == 402 || (BALANCE.matcher(said).find() && (s == 403 || s == 429 || s == 400))) {
            return Diagnosis.of(OUT_OF_BALANCE, "the account is out of balance or credit (HTTP " + s + ")" + quoted,
                    "top up or check the plan on the provider's console, then run: signalbox test " + name);
        }
        if (s == 403) {
            return Diagnosis.of(FORBIDDEN, "the key is not allowed to do this (HTTP 403)" + quoted,
                    "check the key's permissions, region and plan on the provider's console, or store another key:"
                            + " signalbox profile edit " + name + " --key-stdin");
        }
        if (s == 429) {
            return fixes.rateLimited(c, r.headers(), quoted);
        }
        String errorType = json == null ? "" : json.path("error").path("type").asString("");
        if (s == 529 || errorType.equals("overloaded_error") || (s == 503 && said.toLowerCase(Locale.ROOT).contains("overload"))) {
            return Diagnosis.of(OVERLOADED, "the provider is overloaded (HTTP " + s + ")" + quoted,
                    "try again in a minute (signalbox test " + name + "), or map a less busy model: signalbox profile edit "
                            + name + " --model " + fixes.slot(c.profile()) + "=MODEL");
        }
        if (c.step() == Step.OUTPUT && (s == 400 || s == 422)) {
            return outputLimit(c, s, said, quoted);
        }
        if (c.step() == Step.THINKING && (s == 400 || s == 422)) {
            return Diagnosis.of(DiagnosisCode.THINKING_REFUSED, "the provider refuses the adaptive thinking Claude Code"
                    + " sends for the models it does not know (HTTP " + s + ")" + quoted + "; the 1-token request"
                    + " without it passed", "let the proxy adapt it: signalbox profile edit " + name
                    + " --thinking enabled (thinking with a token budget) or --thinking off");
        }
        if (s == 400 || s == 404 || s == 405 || s == 422) {
            if (c.uri().getPath().contains("/v1/v1")) {
                return fixes.doubledPath(c, s);
            }
            if (c.model() != null && c.step() != Step.MODELS && modelish(s, said, c.model())) {
                return fixes.modelNotFound(c, "the provider has no model '" + c.model() + "' (HTTP " + s + ")" + quoted);
            }
            ApiFormat looksLike = looksLike(c.expected(), json);
            if (looksLike != null && looksLike != c.expected()) {
                return fixes.wrongFormat(c, looksLike, s);
            }
            if (s == 404 || s == 405) {
                return fixes.wrongBaseUrl(c, "HTTP " + s + ": " + c.uri().getPath() + " does not exist at this base URL"
                        + quoted);
            }
            return Diagnosis.of(BAD_REQUEST, "the provider rejected the request (HTTP " + s + ")" + quoted,
                    "check the model mapping and the format: signalbox profile show " + name);
        }
        if (s >= 500) {
            return Diagnosis.of(UPSTREAM_ERROR, "the provider failed (HTTP " + s + ")" + quoted,
                    "try again later (signalbox test " + name + "); check the provider's status page");
        }
        return Diagnosis.of(UNEXPECTED_RESPONSE, "unexpected HTTP " + s + quoted,
                "check the base URL: signalbox profile edit " + name + " --base-url URL");
    }

    /** A whole number in a provider's words (a token limit such as the 8192 of "[1, 8192]"). */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?<![\\d.])\\d{3,9}(?![\\d.])");

    /**
     * A 400 to the request that differs from the passed 1-token one only in its max_tokens: the fix is
     * the profile's output cap, at the limit the provider names when its words give one.
     */
    private static Diagnosis outputLimit(Call c, int status, String said, String quoted) {
        io.signalbox.profile.Profile p = c.profile();
        int asked = Dialect.claudeCodeMaxTokens(p);
        Integer limit = null;
        java.util.regex.Matcher m = NUMBER.matcher(said);
        while (m.find()) {
            long n = Long.parseLong(m.group());
            if (n >= io.signalbox.profile.Profile.MIN_MAX_OUTPUT && n < asked && (limit == null || n > limit)) {
                limit = (int) n;
            }
        }
        String capped = p.maxOutputTokens() != null && asked == p.maxOutputTokens()
                ? " (the profile's --max-output)" : " (as Claude Code does; the 1-token request passed)";
        return Diagnosis.of(DiagnosisCode.OUTPUT_LIMIT, String.format(Locale.ROOT,
                "the provider refuses a max_tokens of %,d", asked) + capped + " (HTTP " + status + ")" + quoted,
                "give the profile its models' output limit, and the proxy lowers Claude Code's max_tokens to it: "
                        + Fixes.edit(p, "--max-output " + (limit == null ? "TOKENS" : Integer.toString(limit)))
                        + (limit == null ? " (the limit from the provider's documentation, e.g. 8k)" : ""));
    }

    /** A 404 that talks about a model (Anthropic: "model: NAME"), or a 4xx saying a model is missing. */
    private static boolean modelish(int status, String said, String model) {
        String lower = said.toLowerCase(Locale.ROOT);
        if (status == 404 && (lower.contains("model") || lower.contains(model.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        return MODEL_MISSING.matcher(said).find();
    }

    private Diagnosis answer(Call c, JsonNode json, Http.Response r) {
        String name = c.profile().name();
        if (json == null) {
            return Diagnosis.of(UNEXPECTED_RESPONSE, "HTTP " + r.status() + " but the body is not JSON ("
                    + (r.contentType().isEmpty() ? "no content type" : r.contentType()) + ")",
                    "check the base URL points at the API: signalbox profile edit " + name + " --base-url URL");
        }
        if (c.step() == Step.MODELS) {
            return Dialect.modelIds(json) != null ? Diagnosis.OK
                    : Diagnosis.of(UNEXPECTED_RESPONSE, "the models list has no data[]", "check the base URL: signalbox"
                            + " profile edit " + name + " --base-url URL");
        }
        ApiFormat looksLike = looksLike(c.expected(), json);
        if (looksLike != null && looksLike != c.expected()) {
            return fixes.wrongFormat(c, looksLike, r.status());
        }
        if (!Dialect.isAnswer(c.expected(), json)) {
            String said = providerMessage(json, r.body());
            return Diagnosis.of(UNEXPECTED_RESPONSE, "HTTP " + r.status() + " but not a " + c.expected().id()
                    + " answer" + (said.isEmpty() ? "" : ": " + said),
                    "check the format and base URL: signalbox profile show " + name);
        }
        return Diagnosis.OK;
    }

    /** The format an answer's shape belongs to, or null when it could be any. */
    static ApiFormat looksLike(ApiFormat expected, JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        String type = json.path("type").asString("");
        String object = json.path("object").asString("");
        if (type.equals("message") || type.equals("error")) {
            return ApiFormat.ANTHROPIC;
        }
        if (object.startsWith("chat.completion") || json.path("choices").isArray()) {
            return ApiFormat.OPENAI_CHAT;
        }
        if (object.equals("response")) {
            return ApiFormat.OPENAI_RESPONSES;
        }
        JsonNode err = json.path("error");
        if (err.isObject() && !json.has("type") && err.has("message") && (err.has("code") || err.has("type")
                || err.has("param"))) {
            // An OpenAI-style error: any OpenAI format is a match, Anthropic is not.
            return expected.isOpenAi() ? expected : ApiFormat.OPENAI_CHAT;
        }
        return null;
    }

    static boolean isHtml(Http.Response r) {
        if (r.contentType().contains("html")) {
            return true;
        }
        String b = r.body().stripLeading().toLowerCase(Locale.ROOT);
        return b.startsWith("<!doctype html") || b.startsWith("<html") || b.startsWith("<head") || b.startsWith("<body");
    }

    private String title(String body) {
        Matcher m = TITLE.matcher(body);
        if (!m.find()) {
            return "";
        }
        String t = oneLine(m.group(1));
        return t.isEmpty() ? "" : " ('" + t + "')";
    }

    /** The provider's own words about an error, scrubbed and cut to one line. */
    String providerMessage(JsonNode json, String body) {
        String m = "";
        if (json != null) {
            JsonNode err = json.path("error");
            m = err.isObject() ? err.path("message").asString("")
                    : err.isString() ? err.asString() : json.path("message").asString(json.path("detail").asString(""));
            if (m.isEmpty() && err.isObject()) {
                m = err.path("code").asString(err.path("type").asString(""));
            }
        } else if (body != null && !body.isBlank() && !body.stripLeading().startsWith("<")) {
            m = body;
        }
        return oneLine(scrub.apply(m));
    }

    static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String b = body.strip();
        if (!b.startsWith("{") && !b.startsWith("[")) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(b);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
