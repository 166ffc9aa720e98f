package io.signalbox.app.testing;

import io.signalbox.Signalbox;
import io.signalbox.app.AppServices;
import io.signalbox.app.engine.ProfileSwitcher;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.app.profiles.PreflightRunner;
import io.signalbox.app.usage.StoreUsageSource;
import io.signalbox.app.usage.UsageSource;
import io.signalbox.common.Env;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelPrice;
import io.signalbox.profile.UsagePolicy;
import io.signalbox.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;

/**
 * An isolated home (temp SIGNALBOX_HOME, HOME, file secret store), a mock Anthropic upstream,
 * profiles "work" and "lab" pointing at it (work active, both keys stored) and, on request, the
 * real proxy in process on a free port.
 */
public final class AppFixture implements AutoCloseable {
    /** Work's price overrides (USD per million tokens); lab has none, so its costs are unknown. */
    public static final UsagePolicy PRICES = new UsagePolicy(Map.of(
            "mock-sonnet", ModelPrice.parse("input:3,output:15,cache-read:0.3,cache-write:3.75", "fixture"),
            "mock-opus", ModelPrice.parse("input:15,output:75,cache-read:1.5,cache-write:18.75", "fixture")),
            null, null, null);
    /** What one non-streamed request through the proxy costs on work: 1200 input and 300 output tokens of mock-sonnet. */
    public static final java.math.BigDecimal REQUEST_COST = new java.math.BigDecimal("0.0081");

    public final Path root;
    public final Env env;
    public final Signalbox signalbox;
    public final MockAnthropic upstream;
    public final ProxyController proxy;
    public final List<String> notifications = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public AppFixture(Path root) throws IOException {
        this(root, Map.of());
    }

    /** With {@code extra} added to the environment the app sees (e.g. SIGNALBOX_PORT). */
    public AppFixture(Path root, Map<String, String> extra) throws IOException {
        this.root = root;
        Path home = Files.createDirectories(root.resolve("home"));
        Map<String, String> vars = new HashMap<>();
        vars.put("HOME", home.toString());
        vars.put("SIGNALBOX_HOME", root.resolve("signalbox").toString());
        vars.put("CLAUDE_CONFIG_DIR", root.resolve("claude").toString());
        vars.put("CODEX_HOME", root.resolve("codex").toString());
        vars.put("SIGNALBOX_SECRET_STORE", "file");
        vars.putAll(extra);
        this.env = Env.of(Map.copyOf(vars), home);
        this.signalbox = new Signalbox(env, Clock.systemUTC(), w -> { });
        this.upstream = new MockAnthropic();
        this.proxy = new ProxyController(signalbox);
        ModelMap models = new ModelMap("mock-opus", "mock-sonnet", "mock-sonnet", null, null, List.of());
        signalbox.profiles().add(new Profile("work", upstream.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.X_API_KEY,
                models, null, "the team gateway", null, null, PRICES));
        signalbox.profiles().add(new Profile("lab", upstream.baseUrl(), ApiFormat.ANTHROPIC, AuthStyle.BEARER,
                models, null, null, null, null));
        signalbox.secrets().put("work", MockAnthropic.KEY);
        signalbox.secrets().put("lab", MockAnthropic.KEY);
        signalbox.settings().update(s -> s.withActiveProfile("work"));
    }

    public AppFixture startProxy() {
        proxy.start(0);
        return this;
    }

    public AppFixture startProxyOn(int port) {
        proxy.start(port);
        return this;
    }

    /** Services whose UI executor is {@code ui} (Runnable::run without a display, Platform::runLater with one). */
    public AppServices services(Executor ui, UsageSource usage) {
        return new AppServices(signalbox, proxy, ProfileSwitcher.clientConfigs(signalbox), usage,
                PreflightRunner.engine(signalbox.env(), signalbox.clock(), proxy::preflightVia), (t, x) -> notifications.add(t), ui, background,
                "signalbox-app --hidden");
    }

    public AppServices services(Executor ui) {
        return services(ui, StoreUsageSource.of(signalbox, proxy, background));
    }

    /** Sends a 1-token Messages request through the proxy with the local token, as Claude Code would. */
    public HttpResponse<String> requestThroughProxy(String model) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v1/messages"))
                    .header("Content-Type", "application/json")
                    .header("anthropic-version", "2023-06-01")
                    .header("x-api-key", signalbox.localToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                            + "\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            return client.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Waits for {@code condition} (request events are published on the proxy's threads, a moment
     * after the client has its answer). The bound only stops a broken test from hanging.
     */
    public static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition never became true");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        proxy.close();
        upstream.close();
        background.shutdownNow();
        try {
            // Background work (usage refreshes open usage.db) must end before the temp dir is deleted.
            background.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
