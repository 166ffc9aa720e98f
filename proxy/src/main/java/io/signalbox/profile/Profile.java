package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.SignalboxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named provider profile. The API key is never part of it: it lives in the OS keychain under
 * the profile's name (see {@code io.signalbox.secret}).
 *
 * @param name     unique (case-insensitively), 1–64 of {@code A-Z a-z 0-9 . _ -}, starting with a
 *                 letter or digit; it appears in URLs ({@code /p/NAME/v1/...}) and keychain entries
 * @param baseUrl  see {@link ApiFormat} for what the base includes
 * @param preset   the preset it was made from, if any
 * @param keyRequired false for local servers (Ollama, LM Studio) that need no key
 * @param usage    price overrides, cost multiplier and budgets (null or absent: none)
 * @param contextWindow the context window, in tokens, of the models the profile maps Claude Code's
 *                 names to (null: unknown); Claude Code gets it as {@code CLAUDE_CODE_MAX_CONTEXT_TOKENS}
 *                 so it compacts in time for a model it does not know
 * @param thinking what the proxy does with Claude Code's adaptive thinking (null: pass it on)
 * @param maxOutputTokens the largest answer, in tokens, the mapped models may give (null: no cap); the
 *                 proxy lowers a Messages request's {@code max_tokens} to it, and Claude Code gets it as
 *                 {@code CLAUDE_CODE_MAX_OUTPUT_TOKENS}
 * @param fallbacks the profiles, in order, the proxy sends a request to instead when this profile's
 *                 provider cannot take it (unreachable, overloaded, rate-limited, over a hard budget);
 *                 empty: none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Profile(
        String name,
        String baseUrl,
        ApiFormat format,
        AuthStyle auth,
        ModelMap models,
        Map<String, String> headers,
        String notes,
        String preset,
        Boolean keyRequired,
        UsagePolicy usage,
        Integer contextWindow,
        ThinkingMode thinking,
        Integer maxOutputTokens,
        java.util.List<String> fallbacks) {

    /** The smallest and largest context window a profile may declare, in tokens. */
    public static final int MIN_CONTEXT_WINDOW = 1024;
    public static final int MAX_CONTEXT_WINDOW = 100_000_000;
    /** The smallest and largest output cap a profile may declare, in tokens. */
    public static final int MIN_MAX_OUTPUT = 256;
    public static final int MAX_MAX_OUTPUT = 10_000_000;
    /** The most fallbacks a profile may name. */
    public static final int MAX_FALLBACKS = 5;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers a profile may not set: Signalbox owns them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "x-api-key", "api-key", "host",
            "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer",
            "keep-alive", "proxy-authorization");

    public Profile {
        name = name == null ? null : name.trim();
        baseUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl.trim());
        format = format == null ? ApiFormat.ANTHROPIC : format;
        auth = auth == null ? AuthStyle.BEARER : auth;
        models = models == null ? ModelMap.EMPTY : models;
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        notes = notes == null || notes.isBlank() ? null : notes;
        usage = usage == null || usage.isEmpty() ? null : usage;
        thinking = thinking == ThinkingMode.PASS ? null : thinking;
        fallbacks = fallbacks == null ? java.util.List.of() : fallbacks.stream().map(String::trim).toList();
    }

    /** A profile without fallbacks. */
    public Profile(String name, String baseUrl, ApiFormat format, AuthStyle auth, ModelMap models,
            Map<String, String> headers, String notes, String preset, Boolean keyRequired, UsagePolicy usage,
            Integer contextWindow, ThinkingMode thinking, Integer maxOutputTokens) {
        this(name, baseUrl, format, auth, models, headers, notes, preset, keyRequired, usage, contextWindow, thinking,
                maxOutputTokens, null);
    }

    /** A profile without an output cap. */
    public Profile(String name, String baseUrl, ApiFormat format, AuthStyle auth, ModelMap models,
            Map<String, String> headers, String notes, String preset, Boolean keyRequired, UsagePolicy usage,
            Integer contextWindow, ThinkingMode thinking) {
        this(name, baseUrl, format, auth, models, headers, notes, preset, keyRequired, usage, contextWindow, thinking,
                null);
    }

    /** A profile that passes Claude Code's thinking settings on unchanged. */
    public Profile(String name, String baseUrl, ApiFormat format, AuthStyle auth, ModelMap models,
            Map<String, String> headers, String notes, String preset, Boolean keyRequired, UsagePolicy usage,
            Integer contextWindow) {
        this(name, baseUrl, format, auth, models, headers, notes, preset, keyRequired, usage, contextWindow, null);
    }

    /** The thinking mode, never null. */
    public ThinkingMode thinkingOrPass() {
        return thinking == null ? ThinkingMode.PASS : thinking;
    }

    /** A profile without a declared context window. */
    public Profile(String name, String baseUrl, ApiFormat format, AuthStyle auth, ModelMap models,
            Map<String, String> headers, String notes, String preset, Boolean keyRequired, UsagePolicy usage) {
        this(name, baseUrl, format, auth, models, headers, notes, preset, keyRequired, usage, null);
    }

    /** A profile without usage settings (the shape before budgets existed). */
    public Profile(String name, String baseUrl, ApiFormat format, AuthStyle auth, ModelMap models,
            Map<String, String> headers, String notes, String preset, Boolean keyRequired) {
        this(name, baseUrl, format, auth, models, headers, notes, preset, keyRequired, null);
    }

    /** The usage settings, never null. */
    public UsagePolicy usageOrNone() {
        return usage == null ? UsagePolicy.NONE : usage;
    }

    public boolean needsKey() {
        return keyRequired == null || keyRequired;
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** Throws a {@link SignalboxException} naming the first thing wrong and its fix. */
    public Profile validate() {
        validateName(name);
        if (baseUrl == null || baseUrl.isEmpty()) {
            throw new SignalboxException("profile '" + name + "' has no base URL",
                    "set one with --base-url URL (or start from a preset: signalbox presets)");
        }
        // A refused URL is named without what may be a secret in it: a key pasted into the query (as
        // Gemini's ?key=) or a password in its user part.
        String shown = shownUrl(baseUrl);
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new SignalboxException("profile '" + name + "': base URL '" + shown + "' is not a URL ("
                    + e.getReason() + ")", "write it as https://host[:port][/path]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SignalboxException("profile '" + name + "': base URL '" + shown
                    + "' must start with https:// (or http:// for a local server)",
                    "write it as https://host[:port][/path]");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new SignalboxException("profile '" + name + "': base URL '" + shown + "' names no host",
                    "write it as https://host[:port][/path]");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SignalboxException("profile '" + name + "': base URL '" + shown
                    + "' has a query or fragment", "remove everything from '?' or '#' on");
        }
        if (uri.getRawUserInfo() != null) {
            throw new SignalboxException("profile '" + name + "': the base URL carries credentials",
                    "remove 'user:password@' from the URL and store the key with --key-stdin");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        if (format == ApiFormat.ANTHROPIC) {
            if (path.endsWith("/v1") || path.endsWith("/v1/messages") || path.contains("/v1/v1")) {
                throw new SignalboxException("profile '" + name + "': an Anthropic-format base URL must stop before"
                        + " /v1 ('" + shown + "'); clients append /v1/messages, so this would call "
                        + shown + "/v1/messages",
                        "drop the trailing '" + path.substring(path.lastIndexOf("/v1")) + "' from --base-url");
            }
        } else if (path.endsWith("/chat/completions") || path.endsWith("/responses")) {
            throw new SignalboxException("profile '" + name + "': an OpenAI-format base URL must stop before the"
                    + " endpoint ('" + shown + "')",
                    "drop the trailing '" + path.substring(path.lastIndexOf('/')) + "' from --base-url");
        }
        if (contextWindow != null && (contextWindow < MIN_CONTEXT_WINDOW || contextWindow > MAX_CONTEXT_WINDOW)) {
            throw new SignalboxException("profile '" + name + "': a context window of " + contextWindow
                    + " tokens is not plausible", "give the models' window in tokens, e.g. --context-window 128k"
                    + " (between " + MIN_CONTEXT_WINDOW + " and " + MAX_CONTEXT_WINDOW + ")");
        }
        if (maxOutputTokens != null && (maxOutputTokens < MIN_MAX_OUTPUT || maxOutputTokens > MAX_MAX_OUTPUT)) {
            throw new SignalboxException("profile '" + name + "': an output cap of " + maxOutputTokens
                    + " tokens is not plausible", "give the largest answer the models allow, in tokens, e.g."
                    + " --max-output 8k (between " + MIN_MAX_OUTPUT + " and " + MAX_MAX_OUTPUT + ")");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String f : fallbacks) {
            if (!NAME.matcher(f).matches()) {
                throw new SignalboxException("profile '" + name + "': fallback '" + f + "' is not a profile name",
                        "name another profile, e.g. --fallback openrouter (signalbox profile list)");
            }
            if (f.equalsIgnoreCase(name)) {
                throw new SignalboxException("profile '" + name + "' cannot be its own fallback",
                        "name another profile: signalbox profile edit " + name + " --unset-fallbacks --fallback OTHER");
            }
            if (!seen.add(f.toLowerCase(Locale.ROOT))) {
                throw new SignalboxException("profile '" + name + "' names fallback '" + f + "' twice",
                        "name each once: signalbox profile edit " + name + " --unset-fallbacks --fallback A --fallback B");
            }
        }
        if (fallbacks.size() > MAX_FALLBACKS) {
            throw new SignalboxException("profile '" + name + "' names " + fallbacks.size() + " fallbacks",
                    "keep at most " + MAX_FALLBACKS + ": each one tried costs the request time");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw new SignalboxException("profile '" + name + "': '" + h.getKey() + "' is not a valid header name",
                        "use letters, digits and '-' only, e.g. --header X-Team=platform");
            }
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            Optional<AuthStyle> carries = Arrays.stream(AuthStyle.values())
                    .filter(a -> a.headerName().equalsIgnoreCase(lower)).findFirst();
            if (carries.isPresent()) {
                throw new SignalboxException("profile '" + name + "': header '" + h.getKey() + "' carries the key,"
                        + " which profiles.json would keep in plain text",
                        "keep the key in the keychain and let Signalbox send it: --auth " + carries.get().id()
                                + " --key-stdin" + " (to move one already there: signalbox profile edit " + name
                                + " --unset-header " + h.getKey() + " --auth " + carries.get().id() + " --key-stdin)");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw new SignalboxException("profile '" + name + "': header '" + h.getKey()
                        + "' is set by Signalbox itself", "leave it out: the proxy and the clients frame requests"
                                + " themselves");
            }
            String v = h.getValue() == null ? "" : h.getValue();
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new SignalboxException("profile '" + name + "': header '" + h.getKey()
                        + "' has a line break in its value", "remove the line break");
            }
        }
        return this;
    }

    /**
     * {@code url} as an error message may show it: a user part becomes {@code ***@}, and a query or
     * fragment {@code ?…} / {@code #…}.
     */
    static String shownUrl(String url) {
        String s = url;
        int cut = -1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '?' || s.charAt(i) == '#') {
                cut = i;
                break;
            }
        }
        if (cut >= 0) {
            s = s.substring(0, cut) + s.charAt(cut) + "…";
        }
        int scheme = s.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int slash = s.indexOf('/', hostStart);
        int at = s.lastIndexOf('@', slash < 0 ? s.length() - 1 : slash);
        if (at >= hostStart) {
            s = s.substring(0, hostStart) + "***@" + s.substring(at + 1);
        }
        return s;
    }

    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SignalboxException("'" + (name == null ? "" : name) + "' is not a valid profile name",
                    "use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. deepseek, work-gateway)");
        }
    }

    public Profile withName(String n) {
        return new Profile(n, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withBaseUrl(String u) {
        return new Profile(name, u, format, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withFormat(ApiFormat f) {
        return new Profile(name, baseUrl, f, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withAuth(AuthStyle a) {
        return new Profile(name, baseUrl, format, a, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withModels(ModelMap m) {
        return new Profile(name, baseUrl, format, auth, m, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withHeaders(Map<String, String> h) {
        return new Profile(name, baseUrl, format, auth, models, h, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withNotes(String n) {
        return new Profile(name, baseUrl, format, auth, models, headers, n, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withUsage(UsagePolicy u) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, u, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    /**
     * A context window as people write it: {@code 128k}, {@code 1m}, {@code 1.5m}, {@code 200000},
     * {@code 200,000}; blank is none (null).
     */
    public static Integer parseContextWindow(String s) {
        return parseTokens(s, "context window", "128k, 200000 or 1m");
    }

    /** An output cap as people write it: {@code 8k}, {@code 8192}, {@code 32,000}; blank is none (null). */
    public static Integer parseMaxOutput(String s) {
        return parseTokens(s, "output cap", "8k, 8192 or 64k");
    }

    private static Integer parseTokens(String s, String what, String examples) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.strip().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
        long unit = v.endsWith("k") ? 1_000 : v.endsWith("m") ? 1_000_000 : 1;
        if (unit > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(v).multiply(java.math.BigDecimal.valueOf(unit));
            if (n.signum() > 0 && n.compareTo(java.math.BigDecimal.valueOf(MAX_CONTEXT_WINDOW)) <= 0
                    && n.stripTrailingZeros().scale() <= 0) {
                return n.intValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new SignalboxException(what + " '" + s.strip() + "' is not a token count",
                "give the number of tokens, e.g. " + examples);
    }

    public Profile withContextWindow(Integer w) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, usage, w, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withThinking(ThinkingMode m) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, m, maxOutputTokens, fallbacks);
    }

    public Profile withKeyRequired(Boolean k) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                k, usage, contextWindow, thinking, maxOutputTokens, fallbacks);
    }

    public Profile withMaxOutputTokens(Integer m) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, m, fallbacks);
    }

    public Profile withFallbacks(java.util.List<String> f) {
        return new Profile(name, baseUrl, format, auth, models, headers, notes, preset,
                keyRequired, usage, contextWindow, thinking, maxOutputTokens, f);
    }
}
