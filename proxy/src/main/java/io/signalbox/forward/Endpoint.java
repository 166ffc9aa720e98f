package io.signalbox.forward;

/** The client-facing endpoints the proxy serves, each in one client API family. */
public enum Endpoint {
    MESSAGES(ClientApi.ANTHROPIC, "/v1/messages", true),
    COUNT_TOKENS(ClientApi.ANTHROPIC, "/v1/messages/count_tokens", true),
    MODELS(ClientApi.ANTHROPIC, "/v1/models", false),
    CHAT_COMPLETIONS(ClientApi.OPENAI, "/v1/chat/completions", true),
    RESPONSES(ClientApi.OPENAI, "/v1/responses", true),
    OPENAI_MODELS(ClientApi.OPENAI, "/v1/models", false);

    /** The API family a client speaks. */
    public enum ClientApi { ANTHROPIC, OPENAI }

    private final ClientApi api;
    private final String path;
    private final boolean hasModelBody;

    Endpoint(ClientApi api, String path, boolean hasModelBody) {
        this.api = api;
        this.path = path;
        this.hasModelBody = hasModelBody;
    }

    public ClientApi api() {
        return api;
    }

    /** The path as clients send it (from the API root, including {@code /v1}). */
    public String path() {
        return path;
    }

    /** True when the request body is a JSON object whose {@code model} is rewritten. */
    public boolean hasModelBody() {
        return hasModelBody;
    }
}
