package io.signalbox.route;

/**
 * A request the proxy answers itself with an Anthropic-shaped error
 * ({@code {"type":"error","error":{"type":...,"message":...}}}). The message says what is wrong
 * and how to fix it; it never contains a key, the local token or prompt text.
 *
 * @see <a href="https://docs.anthropic.com/en/api/errors">Anthropic error types</a>
 */
public final class Rejection extends RuntimeException {
    private final int status;
    private final String type;
    private final boolean closesConnection;

    public Rejection(int status, String type, String message) {
        this(status, type, message, false);
    }

    private Rejection(int status, String type, String message, boolean closesConnection) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.closesConnection = closesConnection;
    }

    /**
     * The same rejection, after which the client connection is closed: for a request whose framing
     * is broken, where nothing that follows on the connection can be read as the next request.
     */
    public Rejection closingTheConnection() {
        return new Rejection(status, type, getMessage(), true);
    }

    /** Whether the client connection is closed after the answer. */
    public boolean closesConnection() {
        return closesConnection;
    }

    public static Rejection invalidRequest(String message) {
        return new Rejection(400, "invalid_request_error", message);
    }

    public static Rejection authentication(String message) {
        return new Rejection(401, "authentication_error", message);
    }

    public static Rejection permission(String message) {
        return new Rejection(403, "permission_error", message);
    }

    public static Rejection notFound(String message) {
        return new Rejection(404, "not_found_error", message);
    }

    public static Rejection tooLarge(String message) {
        return new Rejection(413, "request_too_large", message);
    }

    /**
     * A hard budget is used up: HTTP 402 (Payment Required) with type {@code budget_exceeded}.
     * 402 rather than 429 because clients retry a 429 by themselves, and waiting does not help
     * until the day or month turns or the budget is raised.
     */
    public static Rejection budgetExceeded(String message) {
        return new Rejection(402, "budget_exceeded", message);
    }

    public static Rejection api(int status, String message) {
        return new Rejection(status, "api_error", message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
