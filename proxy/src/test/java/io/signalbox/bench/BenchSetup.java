package io.signalbox.bench;

import io.signalbox.Signalbox;
import io.signalbox.common.Env;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Benchmark setup (not a test): in {@code SIGNALBOX_HOME} creates profiles {@code direct} (the
 * zero-delay mock), {@code delayed} (the mock answering after 20 ms) and {@code paced} (the paced
 * stream), {@code stream} (the same events without pauses), stores keys, activates {@code direct} and
 * prints the local token. Usage: {@code BenchSetup SIGNALBOX_HOME MOCK_PORT}.
 */
public final class BenchSetup {
    private BenchSetup() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String mock = "http://127.0.0.1:" + args[1];
        Signalbox sb = new Signalbox(Env.of(Map.of("SIGNALBOX_HOME", home.toString(),
                "SIGNALBOX_SECRET_STORE", "file"), home), Clock.systemUTC(), w -> { });
        ModelMap map = new ModelMap("bench-opus", "bench-sonnet", "bench-haiku", null, null, List.of());
        sb.profiles().add(new Profile("direct", mock, ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, map, Map.of(),
                null, null, null));
        sb.profiles().add(new Profile("paced", mock + "/paced", ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, map,
                Map.of(), null, null, null));
        sb.profiles().add(new Profile("stream", mock + "/stream", ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, map,
                Map.of(), null, null, null));
        sb.profiles().add(new Profile("delayed", mock + "/delayed", ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY, map,
                Map.of(), null, null, null));
        sb.secrets().put("direct", "sk-bench-direct");
        sb.secrets().put("delayed", "sk-bench-delayed");
        sb.secrets().put("paced", "sk-bench-paced");
        sb.secrets().put("stream", "sk-bench-stream");
        sb.settings().update(s -> s.withActiveProfile("direct"));
        System.out.println(sb.localToken());
    }
}
