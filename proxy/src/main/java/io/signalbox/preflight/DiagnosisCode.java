package io.signalbox.preflight;

/** What a preflight found; {@link #OK} when every step passed. Stable names: the app and scripts match on them. */
public enum DiagnosisCode {
    OK,
    INVALID_PROFILE,
    MISSING_KEY,
    DNS_FAILURE,
    CONNECTION_REFUSED,
    TIMEOUT,
    TLS_ERROR,
    NETWORK_ERROR,
    BAD_CREDENTIAL,
    WRONG_AUTH_STYLE,
    FORBIDDEN,
    OUT_OF_BALANCE,
    MODEL_NOT_FOUND,
    DOUBLED_PATH,
    WRONG_BASE_URL,
    HTML_RESPONSE,
    WRONG_API_FORMAT,
    RATE_LIMITED,
    OVERLOADED,
    BAD_REQUEST,
    UPSTREAM_ERROR,
    UNEXPECTED_RESPONSE,
    STREAM_BROKEN,
    NO_TOOL_CALL,
    OUTPUT_LIMIT,
    THINKING_REFUSED,
    PROXY_UNAVAILABLE,
    PROXY_AUTH
}
