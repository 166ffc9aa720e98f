package io.signalbox.app.profiles;

import io.signalbox.preflight.Preflight;
import io.signalbox.preflight.PreflightOptions;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.Resolver;
import io.signalbox.preflight.StepResult;
import io.signalbox.profile.Profile;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Consumer;

/** Runs the engine's preflight; blocking, so callers run it off the UI thread. */
@FunctionalInterface
public interface PreflightRunner {
    PreflightReport run(Profile profile, String key, Consumer<StepResult> onStep);

    static PreflightRunner engine(Clock clock) {
        return (profile, key, onStep) -> {
            PreflightOptions o = PreflightOptions.defaults();
            try (HttpClient client = Preflight.defaultClient(o.timeout())) {
                return new Preflight(client, clock, Resolver.SYSTEM).run(profile, key, o, onStep);
            }
        };
    }
}
