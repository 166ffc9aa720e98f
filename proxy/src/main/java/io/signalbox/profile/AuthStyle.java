package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.signalbox.common.SignalboxException;

/**
 * How the provider wants its key: {@code Authorization: Bearer KEY}, {@code x-api-key: KEY} (Anthropic)
 * or {@code api-key: KEY} (Azure OpenAI and gateways built like it).
 */
public enum AuthStyle {
    BEARER("bearer"),
    X_API_KEY("x-api-key"),
    API_KEY("api-key");

    private final String id;

    AuthStyle(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The HTTP header that carries the key. */
    public String headerName() {
        return switch (this) {
            case BEARER -> "Authorization";
            case X_API_KEY -> "x-api-key";
            case API_KEY -> "api-key";
        };
    }

    /** The header's value for {@code key}. */
    public String headerValue(String key) {
        return this == BEARER ? "Bearer " + key : key;
    }

    /** The styles to try when this one is refused, most common first. */
    public java.util.List<AuthStyle> others() {
        return java.util.Arrays.stream(values()).filter(a -> a != this).toList();
    }

    @JsonCreator
    public static AuthStyle parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "bearer", "authorization" -> BEARER;
            case "x-api-key", "xapikey" -> X_API_KEY;
            case "api-key", "apikey" -> API_KEY;
            default -> throw new SignalboxException("unknown auth style '" + s + "'",
                    "use 'bearer' (Authorization: Bearer KEY), 'x-api-key' (x-api-key: KEY, as Anthropic) or"
                            + " 'api-key' (api-key: KEY, as Azure OpenAI)");
        };
    }
}
