package io.signalbox.preflight;

import java.time.Duration;

/**
 * @param timeout  per network operation (connect, handshake, each request)
 * @param tools    also check that the model answers a trivial tool with a tool call
 * @param viaProxy also send the request through the local proxy; null to skip
 * @param model    the provider model to use; null picks the profile's sonnet/default mapping
 */
public record PreflightOptions(Duration timeout, boolean tools, ViaProxy viaProxy, String model) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public PreflightOptions {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        model = model == null || model.isBlank() ? null : model.trim();
    }

    public static PreflightOptions defaults() {
        return new PreflightOptions(DEFAULT_TIMEOUT, false, null, null);
    }

    public PreflightOptions withTools(boolean t) {
        return new PreflightOptions(timeout, t, viaProxy, model);
    }

    public PreflightOptions withTimeout(Duration t) {
        return new PreflightOptions(t, tools, viaProxy, model);
    }

    public PreflightOptions withViaProxy(ViaProxy v) {
        return new PreflightOptions(timeout, tools, v, model);
    }

    public PreflightOptions withModel(String m) {
        return new PreflightOptions(timeout, tools, viaProxy, m);
    }
}
