package io.signalbox.app.profiles;

import io.signalbox.preflight.Preflight;
import io.signalbox.preflight.PreflightOptions;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.Resolver;
import io.signalbox.preflight.StepResult;
import io.signalbox.preflight.ViaProxy;
import io.signalbox.profile.Profile;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs the engine's preflight; blocking, so callers run it off the UI thread. */
@FunctionalInterface
public interface PreflightRunner {
    PreflightReport run(Profile profile, String key, Consumer<StepResult> onStep);

    /**
     * The engine's preflight as {@code signalbox test} runs it: with {@code viaProxy} (when it gives
     * one: proxy mode and a proxy serving) it ends with a request through the local proxy, the path
     * the clients really take — so a budget that refuses requests, or a proxy that cannot reach the
     * provider, fails the test instead of passing it.
     */
    static PreflightRunner engine(io.signalbox.common.Env env, Clock clock, Supplier<ViaProxy> viaProxy) {
        return (profile, key, onStep) -> {
            PreflightOptions o = PreflightOptions.defaults().withViaProxy(viaProxy.get());
            // the trust and the HTTP proxy the engine's proxy uses (SIGNALBOX_CA_FILE, HTTPS_PROXY, NO_PROXY)
            io.signalbox.forward.EgressProxy egress = io.signalbox.forward.EgressProxy.from(env);
            try (HttpClient client = Preflight.client(env, egress, o.timeout())) {
                return new Preflight(client, clock, Resolver.SYSTEM, egress).run(profile, key, o, onStep);
            }
        };
    }
}
