package io.signalbox.server;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.signalbox.forward.Endpoint;
import io.signalbox.forward.ErrorReply;
import io.signalbox.forward.Forwarder;
import io.signalbox.route.Rejection;

/**
 * The proxy's one route table. Every API route exists twice: at the root (the active profile)
 * and under {@code /p/{profile}} (that profile, whatever is active). Routes match the path only;
 * the query string (e.g. {@code ?beta=true}) is forwarded.
 */
public final class ProxyRoutes {
    private ProxyRoutes() {
    }

    public static void routing(HttpRouting.Builder r, LocalAuthFilter auth, Forwarder fwd) {
        r.addFilter(auth)
                .get("/health", ProxyRoutes::health)
                .get("/signalbox/failover", (req, res) -> failover(res, fwd))
                .head("/", (req, res) -> res.send());
        for (String prefix : new String[] {"", "/p/{profile}"}) {
            r.post(prefix + "/v1/messages", (req, res) -> fwd.forward(req, res, Endpoint.MESSAGES, profile(req)))
                    .post(prefix + "/v1/messages/count_tokens",
                            (req, res) -> fwd.forward(req, res, Endpoint.COUNT_TOKENS, profile(req)))
                    .get(prefix + "/v1/models", (req, res) -> fwd.forward(req, res, Endpoint.MODELS, profile(req)))
                    .post(prefix + "/v1/chat/completions",
                            (req, res) -> fwd.forward(req, res, Endpoint.CHAT_COMPLETIONS, profile(req)))
                    .post(prefix + "/v1/responses",
                            (req, res) -> fwd.forward(req, res, Endpoint.RESPONSES, profile(req)));
        }
        r.any(ProxyRoutes::notFound);
    }

    private static String profile(ServerRequest req) {
        var params = req.path().pathParameters();
        return params.contains("profile") ? params.get("profile") : null;
    }

    private static void health(ServerRequest req, ServerResponse res) {
        res.header("Content-Type", "application/json");
        res.send("{\"status\":\"ok\",\"service\":\"signalbox\",\"version\":\"" + io.signalbox.Signalbox.version() + "\"}");
    }

    /** {@code {"cooling":[{"profile":…,"secondsLeft":…}]}}: the profiles failover passes over now (for status). */
    private static void failover(ServerResponse res, Forwarder fwd) {
        var root = io.signalbox.common.Json.MAPPER.createObjectNode();
        var list = root.putArray("cooling");
        fwd.cooling().forEach((name, left) -> list.addObject().put("profile", name)
                .put("secondsLeft", Math.max(1, (left.toMillis() + 999) / 1000)));
        res.header("Content-Type", "application/json");
        res.send(io.signalbox.common.Json.MAPPER.writeValueAsBytes(root));
    }

    private static void notFound(ServerRequest req, ServerResponse res) {
        ErrorReply.send(res, Rejection.notFound("Signalbox serves POST /v1/messages, POST /v1/messages/count_tokens,"
                + " GET /v1/models, POST /v1/chat/completions, POST /v1/responses (also under /p/PROFILE);"
                + " not " + req.prologue().method().text() + " " + req.path().rawPath()));
    }
}
