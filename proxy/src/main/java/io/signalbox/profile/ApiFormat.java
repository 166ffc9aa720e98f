package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.signalbox.common.SignalboxException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The API a provider speaks. For {@link #ANTHROPIC} the base URL is the API root (the client
 * appends {@code /v1/messages}); for the OpenAI formats it is the OpenAI-style base that already
 * ends in its version segment (e.g. {@code https://api.openai.com/v1}), to which
 * {@code /chat/completions} or {@code /responses} is appended.
 */
public enum ApiFormat {
    ANTHROPIC("anthropic"),
    OPENAI_CHAT("openai-chat"),
    OPENAI_RESPONSES("openai-responses");

    private final String id;

    ApiFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public boolean isOpenAi() {
        return this != ANTHROPIC;
    }

    @JsonCreator
    public static ApiFormat parse(String s) {
        for (ApiFormat f : values()) {
            if (f.id.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return f;
            }
        }
        throw new SignalboxException("unknown API format '" + s + "'",
                "use one of: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ApiFormat::id).collect(Collectors.joining(", "));
    }
}
