package io.signalbox.client;

import io.signalbox.Signalbox;
import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import io.signalbox.secret.LocalToken;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code signalbox import claude|codex}: turns the user's own client configuration (base URL, key,
 * models) into a profile. Where Signalbox manages the file, the user's values from before
 * Signalbox are used, never Signalbox's own.
 */
public final class Importer {
    /** The profile and the key that goes to the secret store (never printed). */
    public record Imported(Profile profile, Optional<String> key) {
    }

    private final Signalbox sb;
    private final Switcher switcher;

    public Importer(Signalbox sb) {
        this.sb = sb;
        this.switcher = new Switcher(sb);
    }

    public Imported claude(String name) {
        ManagedFile f = switcher.file("claude");
        Map<String, String> v = new LinkedHashMap<>();
        f.userValues().forEach((k, raw) -> {
            JsonNode n = Json.MAPPER.readTree(raw);
            if (n.isString()) {
                v.put(k, n.asString());
            }
        });
        for (String k : ClaudeSettingsText.OWNED) {
            sb.env().get(k).ifPresent(val -> v.putIfAbsent(k, val));
        }
        String base = v.get(ClaudeVars.BASE_URL);
        if (base == null && f.managed() && f.current().containsKey(ClaudeVars.BASE_URL)) {
            throw new SignalboxException(f.file() + " holds Signalbox's own settings (from 'signalbox use'), and before"
                    + " that it had no ANTHROPIC_BASE_URL of yours: there is nothing to import",
                    "add the profile by hand: signalbox profile add NAME --preset ...");
        }
        if (base == null) {
            throw new SignalboxException("Claude Code is not set up for a custom provider: no ANTHROPIC_BASE_URL in "
                    + f.file() + " or the environment", "add the profile by hand: signalbox profile add NAME --preset ...");
        }
        String token = v.get(ClaudeVars.AUTH_TOKEN);
        String apiKey = v.get(ClaudeVars.API_KEY);
        refuseOwn(base, token != null ? token : apiKey);
        ModelMap mm = ModelMap.EMPTY;
        for (var slot : ClaudeVars.SLOT_VARS.entrySet()) {
            String model = v.get(slot.getValue());
            if (model != null) {
                mm = mm.withFamily(slot.getKey(), model);
            }
        }
        String b = base.replaceAll("/+$", "");
        if (b.endsWith("/v1")) {
            b = b.substring(0, b.length() - 3);
        }
        Profile p = new Profile(name, b, ApiFormat.ANTHROPIC, token == null && apiKey != null ? AuthStyle.X_API_KEY
                : AuthStyle.BEARER, mm, null, "imported from " + f.file(), null, null, null,
                tokens(v.get(ClaudeVars.CONTEXT_WINDOW), Profile.MIN_CONTEXT_WINDOW, Profile.MAX_CONTEXT_WINDOW))
                .withMaxOutputTokens(tokens(v.get(ClaudeVars.MAX_OUTPUT), Profile.MIN_MAX_OUTPUT, Profile.MAX_MAX_OUTPUT));
        return new Imported(p, Optional.ofNullable(token != null ? token : apiKey));
    }

    /** A token count the user set (CLAUDE_CODE_MAX_CONTEXT_TOKENS, …), when it lies in {@code [min, max]}; else none. */
    private static Integer tokens(String v, int min, int max) {
        try {
            int n = v == null ? -1 : Integer.parseInt(v.trim());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Imported codex(String name) {
        ManagedFile f = switcher.file("codex");
        Path file = f.file();
        String text = read(file);
        new CodexConfigText().checkWellFormed(file, text);
        JsonNode root = CodexConfigText.parse(text);
        Map<String, String> own = f.userValues();
        String provider = string(own.get("model_provider")).orElse("openai");
        Optional<String> model = string(own.get("model"));
        ModelMap mm = model.map(m -> ModelMap.EMPTY.withFamily(ModelFamily.DEFAULT, m)).orElse(ModelMap.EMPTY);
        if (provider.equals(CodexConfigText.PROVIDER_ID)) {
            throw new SignalboxException("Codex's provider '" + provider + "' in " + file + " is Signalbox's own",
                    "run 'signalbox restore --clients codex' first, or add the profile by hand");
        }
        if (provider.equals("openai")) {
            Optional<String> key = authJsonKey().or(() -> sb.env().get("OPENAI_API_KEY"));
            Profile p = new Profile(name, "https://api.openai.com/v1", ApiFormat.OPENAI_RESPONSES, AuthStyle.BEARER,
                    mm, null, "imported from " + file, null, null);
            return new Imported(p, key);
        }
        JsonNode t = root.path("model_providers").path(provider);
        if (!t.isObject() || !t.path("base_url").isString()) {
            throw new SignalboxException("Codex's provider '" + provider + "' has no [model_providers." + provider
                    + "] table with a base_url in " + file, "add the profile by hand: signalbox profile add NAME ...");
        }
        String base = t.get("base_url").asString();
        ApiFormat format = t.path("wire_api").asString("responses").toLowerCase(Locale.ROOT).equals("chat")
                ? ApiFormat.OPENAI_CHAT : ApiFormat.OPENAI_RESPONSES;
        Optional<String> key = Optional.empty();
        if (t.path("experimental_bearer_token").isString()) {
            key = Optional.of(t.get("experimental_bearer_token").asString());
        } else if (t.path("env_key").isString()) {
            key = sb.env().get(t.get("env_key").asString());
        } else if (t.path("requires_openai_auth").asBoolean(false)) {
            key = authJsonKey();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        t.path("http_headers").properties().forEach(e -> {
            if (e.getValue().isString()) {
                headers.put(e.getKey(), e.getValue().asString());
            }
        });
        AuthStyle auth = AuthStyle.BEARER;
        for (AuthStyle style : List.of(AuthStyle.X_API_KEY, AuthStyle.API_KEY)) {
            if (key.isPresent()) {
                break;
            }
            Optional<String> header = named(headers.keySet(), style.headerName());
            // or env_http_headers = { "api-key" = "AZURE_OPENAI_API_KEY" }: the header's value from a variable
            Optional<String> fromVar = named(t.path("env_http_headers").propertyNames(), style.headerName());
            if (header.isPresent()) {
                key = Optional.of(headers.remove(header.get()));
                auth = style;
            } else if (fromVar.isPresent()) {
                key = sb.env().get(t.path("env_http_headers").path(fromVar.get()).asString(""));
                auth = style;
            }
        }
        refuseOwn(base, key.orElse(null));
        Profile p = new Profile(name, base, format, auth, mm, headers, "imported from " + file, null, null);
        return new Imported(p, key);
    }

    /**
     * Refuses a setup that is Signalbox's own: the local token as the key, or a base URL on this
     * machine at the proxy's configured port. Another local server (Ollama, LM Studio) is the user's.
     */
    private void refuseOwn(String base, String key) {
        if ((key != null && key.startsWith(LocalToken.PREFIX)) || atProxyPort(base, sb.settings().port())) {
            throw new SignalboxException("this client already points at Signalbox's proxy (" + base + ")",
                    "import before switching, or run 'signalbox restore' and import again");
        }
    }

    /** {@code base} names 127.0.0.1, localhost or [::1] at {@code port}. */
    static boolean atProxyPort(String base, int port) {
        try {
            URI u = new URI(base.strip());
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            return u.getPort() == port && (host.equals("127.0.0.1") || host.equals("localhost")
                    || host.equals("[::1]"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Optional<String> authJsonKey() {
        Path auth = sb.env().codexHome().resolve("auth.json");
        if (!Files.exists(auth)) {
            return Optional.empty();
        }
        JsonNode n = Json.readTree(auth).path("OPENAI_API_KEY");
        return n.isString() && !n.asString().isBlank() ? Optional.of(n.asString()) : Optional.empty();
    }

    private static Optional<String> string(String rawToml) {
        if (rawToml == null) {
            return Optional.empty();
        }
        JsonNode n = CodexConfigText.parse("v = " + rawToml).path("v");
        return n.isString() ? Optional.of(n.asString()) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e), "check the file's permissions");
        }
    }

    /** The one of {@code names} that is {@code header}, in any case. */
    private static Optional<String> named(Iterable<String> names, String header) {
        for (String n : names) {
            if (n.equalsIgnoreCase(header)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
