package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.signalbox.common.SignalboxException;

/** How the provider wants its key: {@code Authorization: Bearer KEY} or {@code x-api-key: KEY}. */
public enum AuthStyle {
    BEARER("bearer"),
    X_API_KEY("x-api-key");

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
        return this == BEARER ? "Authorization" : "x-api-key";
    }

    /** The header's value for {@code key}. */
    public String headerValue(String key) {
        return this == BEARER ? "Bearer " + key : key;
    }

    @JsonCreator
    public static AuthStyle parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "bearer", "authorization" -> BEARER;
            case "x-api-key", "api-key", "xapikey" -> X_API_KEY;
            default -> throw new SignalboxException("unknown auth style '" + s + "'",
                    "use 'bearer' (Authorization: Bearer KEY) or 'x-api-key'");
        };
    }
}
