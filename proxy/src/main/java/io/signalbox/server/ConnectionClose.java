package io.signalbox.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the client connection after answering a request that said {@code Connection: close}.
 * Helidon 4.5 answers such a request with {@code Connection: close} but then waits for another
 * request on the socket (helidon-io/helidon#12324), so a client waiting for the end of the
 * connection hangs. The receive listener remembers the connection of such a request; the filter,
 * once the response has been written, closes its socket.
 */
final class ConnectionClose implements Http1ConnectionListener, Filter {
    private final Map<String, ConnectionContext> closing = new ConcurrentHashMap<>();

    private static String key(String serverSocketId, String socketId) {
        return serverSocketId + ' ' + socketId;
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (wantsClose(headers)) {
            closing.put(key(ctx.socketId(), ctx.childSocketId()), ctx);
        }
    }

    static boolean wantsClose(Headers headers) {
        return headers.first(HeaderNames.CONNECTION)
                .map(v -> {
                    for (String t : v.split(",")) {
                        if (t.trim().toLowerCase(Locale.ROOT).equals("close")) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            chain.proceed();
        } finally {
            ConnectionContext ctx = closing.remove(key(req.serverSocketId(), req.socketId()));
            if (ctx != null && res.isSent()) {
                try {
                    ctx.dataWriter().flush();
                } catch (RuntimeException ignored) {
                    // the client is gone
                }
                ctx.serverSocket().close();
            }
        }
    }
}
