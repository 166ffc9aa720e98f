package io.signalbox.server;

import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestTrace;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.signalbox.forward.ErrorReply;
import io.signalbox.route.Rejection;
import io.signalbox.secret.LocalToken;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Lets a request in only when it comes from a local program that knows the local token:
 * the Host header names a loopback address (DNS-rebinding defence), there is no Origin header
 * (browsers send one; the proxy is not for web pages and never sends CORS headers), and the
 * local token is presented as {@code Authorization: Bearer} or {@code x-api-key}.
 * {@code GET /health} needs no token.
 */
public final class LocalAuthFilter implements Filter {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final String token;
    private final RequestEvents events;

    /** Each refusal is published to {@code events} as a failed request (no usage), for the logs. */
    public LocalAuthFilter(String token, RequestEvents events) {
        this.token = token;
        this.events = events;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().rawPath();
        Rejection r = check(req.headers(), path);
        if (r != null) {
            // In serve's request log and the app's live log: a client with an old token or a stale base
            // URL shows up there with the fix, not only in the client's own error display.
            new RequestTrace(events, req.prologue().method().text(), path).failed(r.status(), r.getMessage());
            if (isOpenAiRoute(path)) {
                sendOpenAi(res, r);
            } else {
                ErrorReply.send(res, r);
            }
            return;
        }
        chain.proceed();
    }

    Rejection check(ServerRequestHeaders h, String path) {
        String host = h.first(HeaderNames.HOST).orElse("");
        if (!isLoopbackHost(host)) {
            return Rejection.permission("the Host header must name this machine (127.0.0.1, localhost or [::1]);"
                    + " Signalbox refuses other names to defend against DNS rebinding");
        }
        if (h.contains(HeaderNames.ORIGIN)) {
            return Rejection.permission("requests from web pages (with an Origin header) are refused;"
                    + " the Signalbox proxy serves local programs such as Claude Code and Codex only");
        }
        if (path.equals("/health")) {
            return null;
        }
        if (!LocalToken.matches(token, presented(h).orElse(null))) {
            if (isOpenAiRoute(path)) {
                return Rejection.authentication("the Signalbox proxy needs its local token as the bearer token"
                        + " (Authorization: Bearer); Codex sends the one Signalbox writes into its config:"
                        + " re-run 'signalbox use PROFILE --clients codex'");
            }
            return Rejection.authentication("the Signalbox proxy needs its local token (as ANTHROPIC_AUTH_TOKEN,"
                    + " or x-api-key); re-run 'signalbox use PROFILE' to write it into the client's settings");
        }
        return null;
    }

    /** The OpenAI-format routes (Codex and other OpenAI clients): /v1/responses, /v1/chat/completions, also under /p/NAME. */
    static boolean isOpenAiRoute(String path) {
        String p = path;
        if (p.startsWith("/p/")) {
            int slash = p.indexOf('/', 3);
            p = slash < 0 ? "" : p.substring(slash);
        }
        return p.equals("/v1/responses") || p.startsWith("/v1/responses/") || p.equals("/v1/chat/completions");
    }

    /** An OpenAI-shaped error: {@code {"error":{"message":...,"type":...,"code":...}}}. */
    static void sendOpenAi(RoutingResponse res, Rejection r) {
        io.signalbox.forward.ErrorReply.send(res, r, io.signalbox.forward.Endpoint.ClientApi.OPENAI);
    }

    static Optional<String> presented(ServerRequestHeaders h) {
        Optional<String> auth = h.first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent() && auth.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(auth.get().substring(7).trim());
        }
        return h.first(HeaderNames.create("x-api-key")).map(String::trim);
    }

    /** {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, with or without a port. */
    static boolean isLoopbackHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            String port = h.substring(colon + 1);
            if (port.isEmpty() || !allDigits(port)) {
                return false;
            }
            h = h.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(h);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
