package io.signalbox.preflight;

import static io.signalbox.preflight.DiagnosisCode.*;

import io.signalbox.Signalbox;
import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import io.signalbox.forward.EgressProxy;
import io.signalbox.forward.UpstreamTrust;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Profile;
import io.signalbox.profile.ThinkingMode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one-click test behind {@code signalbox test NAME} and the app's Test button: reachability
 * (DNS, TCP, TLS), the models list as an auth check, a real 1-token request with the mapped model,
 * the same streamed, optionally a tool call and a request through the local proxy. Each step is
 * timed and handed to the listener as it finishes; the first failure ends the run and becomes the
 * report's diagnosis. Keys (and the local token) never reach a message, a log line or the report.
 *
 * <p>Everything outside is injected: the HTTP client (its SSL context is the trust the TLS step
 * uses), the clock, and the name resolver for the DNS step.
 */
public final class Preflight {
    private static final Logger LOG = Logger.getLogger(Preflight.class.getName());

    private final HttpClient client;
    private final Clock clock;
    private final Resolver resolver;
    private final EgressProxy egress;

    public Preflight(HttpClient client, Clock clock, Resolver resolver) {
        this(client, clock, resolver, EgressProxy.NONE);
    }

    /** As {@link #Preflight(HttpClient, Clock, Resolver)}; the reachability steps go through {@code egress} as the proxy does. */
    public Preflight(HttpClient client, Clock clock, Resolver resolver, EgressProxy egress) {
        this.client = client;
        this.clock = clock;
        this.resolver = resolver;
        this.egress = egress;
    }

    /**
     * The client {@code signalbox test} and the app's Test button use: the trust and the HTTP proxy the
     * proxy itself uses ({@code SIGNALBOX_CA_FILE}; {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}),
     * so a test passes or fails where the clients' requests would.
     */
    public static HttpClient client(Env env, EgressProxy egress, Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        javax.net.ssl.SSLContext trust = UpstreamTrust.withExtraCas(env.get("SIGNALBOX_CA_FILE")
                .filter(v -> !v.isBlank()).map(v -> java.nio.file.Path.of(v.strip())).orElse(null));
        if (trust != null) {
            b.sslContext(trust);
        }
        if (!egress.isNone()) {
            b.proxy(egress.selector());
            java.net.Authenticator auth = egress.authenticator();
            if (auth != null) {
                b.authenticator(auth); // for a tunnel, Basic needs the JDK property EgressProxy.from sets
            }
        }
        return b.build();
    }

    /** An HTTP client fit for preflight: no redirects followed (a redirect is itself a finding), connect timeout. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public PreflightReport run(Profile profile, String key, PreflightOptions options, Consumer<StepResult> listener) {
        return new Run(profile, key, options, listener == null ? r -> { } : listener).run();
    }

    /** One preflight's state: the steps so far, the models the provider listed, the auth style in use. */
    private final class Run {
        private final Profile p;
        private final String key;
        private final PreflightOptions o;
        private final Consumer<StepResult> listener;
        private final List<StepResult> steps = new ArrayList<>();
        private final Http http;
        private final Classifier classifier;
        private final Failures failures;
        private final Fixes fixes;
        private final String model;
        private List<String> knownModels;
        private Instant stepStart;

        Run(Profile p, String key, PreflightOptions o, Consumer<StepResult> listener) {
            this.p = p;
            this.key = key == null || key.isBlank() ? null : key;
            this.o = o;
            this.listener = listener;
            this.http = new Http(client, clock, o.timeout());
            this.fixes = new Fixes(clock);
            this.classifier = new Classifier(fixes, this::scrub);
            this.failures = new Failures(this::scrub);
            this.model = o.model() != null ? o.model() : p.models().resolve(ViaProxy.PROBE_MODEL);
        }

        PreflightReport run() {
            Instant start = clock.instant();
            boolean ok = config() && reachable() && models() && message(false) && message(true)
                    && (!claudeCodeSends() || outputLimit())
                    && (!claudeCodeThinks() || thinking()) && (!o.tools() || tools()) && (o.viaProxy() == null || proxy());
            Diagnosis d = ok ? Diagnosis.OK : steps.getLast().diagnosis();
            PreflightReport report = new PreflightReport(p.name(), p.format().id(), p.baseUrl(), model,
                    start.toString(), Duration.between(start, clock.instant()).toMillis(), steps, d);
            LOG.fine(() -> "preflight " + p.name() + ": " + d.code() + " (" + report.millis() + " ms)");
            return report;
        }

        private boolean config() {
            begin();
            try {
                p.validate();
            } catch (SignalboxException e) {
                return fail(Step.CONFIG, null, Diagnosis.of(INVALID_PROFILE, scrub(e.getMessage()), e.fix()));
            }
            if (p.needsKey() && key == null) {
                return fail(Step.CONFIG, null, Diagnosis.of(MISSING_KEY, "no key is stored for '" + p.name() + "'",
                        "store it: signalbox profile edit " + p.name() + " --key-stdin"));
            }
            return pass(Step.CONFIG, (key == null ? "no key needed" : "key stored") + "; model " + model, null);
        }

        private boolean reachable() {
            URI base = URI.create(p.baseUrl());
            Reachability net = new Reachability(resolver, client.sslContext(), o.timeout());
            int port = Failures.port(base);
            EgressProxy.Route via = egress.route(base);
            if (via != null) {
                return reachableThrough(via, base, net, port);
            }
            begin();
            List<InetAddress> addresses;
            try {
                addresses = net.dns(base.getHost());
            } catch (Exception e) {
                return fail(Step.DNS, null, failures.of(p, base, false, o.timeout(), e));
            }
            pass(Step.DNS, Reachability.describe(base.getHost(), addresses), null);
            begin();
            InetAddress reached;
            try {
                reached = net.tcp(addresses, port);
            } catch (Exception e) {
                return fail(Step.TCP, null, failures.of(p, base, false, o.timeout(), e));
            }
            pass(Step.TCP, "connected to " + reached.getHostAddress() + ":" + port, null);
            begin();
            if (!"https".equalsIgnoreCase(base.getScheme())) {
                return record(StepResult.skipped(Step.TLS, elapsed(), "plain http", null));
            }
            try {
                return pass(Step.TLS, net.tls(base, reached, port), null);
            } catch (java.net.SocketTimeoutException e) {
                return fail(Step.TLS, null, Diagnosis.of(TLS_ERROR, "the server at " + reached.getHostAddress() + ":"
                        + port + " accepted the connection but never answered the TLS handshake",
                        "if it is a plain-HTTP server, use http: signalbox profile edit " + p.name() + " --base-url "
                                + p.baseUrl().replaceFirst("(?i)^https:", "http:")));
            } catch (Exception e) {
                return fail(Step.TLS, null, failures.of(p, base, false, o.timeout(), e));
            }
        }

        /** DNS of the HTTP proxy, a tunnel through it (TCP), TLS through the tunnel: the path the proxy's requests take. */
        private boolean reachableThrough(EgressProxy.Route via, URI base, Reachability net, int port) {
            begin();
            List<InetAddress> addresses;
            try {
                addresses = net.dns(via.host());
            } catch (Exception e) {
                return fail(Step.DNS, null, Diagnosis.of(NETWORK_ERROR, "the host name of the HTTP proxy " + via.shown()
                        + " does not resolve", "check " + via.variable() + " and that the network or VPN is up"));
            }
            pass(Step.DNS, "through the HTTP proxy " + via.shown() + ": " + Reachability.describe(via.host(), addresses),
                    null);
            begin();
            if (!"https".equalsIgnoreCase(base.getScheme())) {
                try (java.net.Socket s = new java.net.Socket()) {
                    EgressProxy.connect(s, via, net.millis());
                } catch (Exception e) {
                    return fail(Step.TCP, null, failures.of(p, base, false, o.timeout(), e));
                }
                pass(Step.TCP, "connected to the HTTP proxy " + via.shown(), null);
                return record(StepResult.skipped(Step.TLS, elapsed(), "plain http", null));
            }
            try (java.net.Socket s = new java.net.Socket()) {
                try {
                    EgressProxy.connect(s, via, net.millis());
                    EgressProxy.tunnel(s, base.getHost(), port, via, net.millis());
                } catch (Exception e) {
                    return fail(Step.TCP, null, failures.of(p, base, false, o.timeout(), e));
                }
                pass(Step.TCP, "tunnel to " + base.getHost() + ":" + port + " through the HTTP proxy " + via.shown(), null);
                begin();
                try {
                    return pass(Step.TLS, net.tls(base, s, port), null);
                } catch (Exception e) {
                    return fail(Step.TLS, null, failures.of(p, base, false, o.timeout(), e));
                }
            } catch (java.io.IOException closing) {
                return true; // the step results are recorded; only closing the socket failed
            }
        }

        private boolean models() {
            begin();
            URI uri = Dialect.modelsUri(p.format(), p.baseUrl());
            Classifier.Call call = call(Step.MODELS, uri, p.format(), false);
            HttpRequest.Builder req = request(uri, p.auth(), key).GET();
            Http.Response r;
            try {
                r = http.send(req.build());
            } catch (Exception e) {
                return fail(Step.MODELS, null, failures.of(p, uri, false, o.timeout(), e));
            }
            if (r.status() == 401) {
                return authFailure(Step.MODELS, call, r, style -> request(uri, style, key).GET().build());
            }
            Diagnosis d = classifier.classify(call, r);
            if (d.ok()) {
                knownModels = Dialect.modelIds(Classifier.parse(r.body()));
                return pass(Step.MODELS, knownModels.size() + (knownModels.size() == 1 ? " model listed" : " models listed"),
                        r.status());
            }
            if (r.status() == 400 || r.status() == 404 || r.status() == 405 || d.code() == UNEXPECTED_RESPONSE) {
                return record(StepResult.skipped(Step.MODELS, elapsed(), "no models list here (HTTP " + r.status() + ")",
                        r.status()));
            }
            return fail(Step.MODELS, r.status(), d);
        }

        private boolean message(boolean stream) {
            Step step = stream ? Step.STREAM : Step.MESSAGE;
            begin();
            URI uri = Dialect.messageUri(p.format(), p.baseUrl());
            String body = Dialect.messageBody(p.format(), model, stream);
            Classifier.Call call = call(step, uri, p.format(), false);
            HttpRequest req = request(uri, p.auth(), key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                if (!stream) {
                    Http.Response r = http.send(req);
                    if (r.status() == 401) {
                        return authFailure(step, call, r, style -> request(uri, style, key)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    }
                    return judge(step, call, r, "answered");
                }
                Http.Streamed s = http.stream(req, stepStart);
                if (!s.isEventStream()) {
                    Diagnosis d = classifier.classify(call, s.response());
                    return d.ok() ? fail(step, s.response().status(), Diagnosis.of(STREAM_BROKEN,
                            "asked to stream but got a plain answer (" + s.response().contentType() + ")",
                            "streaming is what Claude Code and Codex use; check the base URL and format: signalbox"
                                    + " profile show " + p.name())) : fail(step, s.response().status(), d);
                }
                String problem = Dialect.streamProblem(s.lines());
                if (problem != null) {
                    return fail(step, s.response().status(), Diagnosis.of(STREAM_BROKEN, problem,
                            "run it again (signalbox test " + p.name() + "); if it persists, map another model: "
                                    + Fixes.edit(p, "--model " + fixes.slot(p) + "=MODEL")));
                }
                return record(new StepResult(step, StepResult.Status.PASSED, elapsed(), "first event after "
                        + s.firstEventMillis() + " ms", s.response().status(), null, null)
                        .withFirstEvent(s.firstEventMillis() == null ? 0 : s.firstEventMillis()));
            } catch (Exception e) {
                return fail(step, null, failures.of(p, uri, false, o.timeout(), e));
            }
        }

        /** Claude Code is the client of an Anthropic-format profile (and asks for 32,000 tokens or more). */
        private boolean claudeCodeSends() {
            return p.format() == ApiFormat.ANTHROPIC;
        }

        /** The max_tokens Claude Code asks for, lowered to the profile's output cap as the proxy does. */
        private boolean outputLimit() {
            begin();
            URI uri = Dialect.messageUri(p.format(), p.baseUrl());
            int asked = Dialect.claudeCodeMaxTokens(p);
            String body = Dialect.outputBody(model, asked);
            HttpRequest req = request(uri, p.auth(), key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                Http.Response r = http.send(req);
                String as = String.format(java.util.Locale.ROOT, "max_tokens %,d accepted", asked)
                        + (p.maxOutputTokens() != null ? " (the profile's --max-output)" : "");
                return judge(Step.OUTPUT, call(Step.OUTPUT, uri, p.format(), false), r, as);
            } catch (Exception e) {
                return fail(Step.OUTPUT, null, failures.of(p, uri, false, o.timeout(), e));
            }
        }

        /**
         * Claude Code sends adaptive thinking for model names it does not know: the aliases an Anthropic
         * profile with a model map gives it. (Without a map it sends Claude's own names and chooses itself.)
         */
        private boolean claudeCodeThinks() {
            return p.format() == ApiFormat.ANTHROPIC && !p.models().isEmpty();
        }

        /** The request as the proxy forwards Claude Code's adaptive thinking to this profile. */
        private boolean thinking() {
            begin();
            URI uri = Dialect.messageUri(p.format(), p.baseUrl());
            byte[] body = io.signalbox.route.ThinkingAdapter.apply(io.signalbox.route.BodyBytes.of(
                    // enabled thinking needs a budget of 1,024 tokens below max_tokens: the smallest that allows it
                    Dialect.thinkingBody(model, p.thinkingOrPass() == ThinkingMode.ENABLED ? 1100 : 16)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), p.thinking())
                    .toByteArray();
            HttpRequest req = request(uri, p.auth(), key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                Http.Response r = http.send(req);
                String as = p.thinkingOrPass() == ThinkingMode.PASS ? "accepted as Claude Code sends it"
                        : "accepted as Signalbox adapts it (--thinking " + p.thinkingOrPass().id() + ")";
                return judge(Step.THINKING, call(Step.THINKING, uri, p.format(), false), r, as);
            } catch (Exception e) {
                return fail(Step.THINKING, null, failures.of(p, uri, false, o.timeout(), e));
            }
        }

        private boolean tools() {
            begin();
            URI uri = Dialect.messageUri(p.format(), p.baseUrl());
            HttpRequest req = request(uri, p.auth(), key)
                    .POST(HttpRequest.BodyPublishers.ofString(Dialect.toolBody(p.format(), model))).build();
            try {
                Http.Response r = http.send(req);
                Diagnosis d = classifier.classify(call(Step.TOOLS, uri, p.format(), false), r);
                if (d.ok() && !Dialect.hasToolCall(p.format(), Classifier.parse(r.body()))) {
                    d = Diagnosis.of(NO_TOOL_CALL, "the model '" + model + "' answered without calling the trivial"
                                    + " tool", "Claude Code and Codex need tool use; map a model that supports it: "
                                    + Fixes.edit(p, "--model " + fixes.slot(p) + "=MODEL"));
                }
                return d.ok() ? pass(Step.TOOLS, "the model called " + Dialect.TOOL_NAME, r.status())
                        : fail(Step.TOOLS, r.status(), d);
            } catch (Exception e) {
                return fail(Step.TOOLS, null, failures.of(p, uri, false, o.timeout(), e));
            }
        }

        /**
         * The request a client of this profile sends through the proxy: Claude Code's (Anthropic Messages
         * with a Claude name for the proxy to map) for an Anthropic profile; an OpenAI-style client's (the
         * profile's own format and model, at {@code /p/NAME/v1/…}) for an OpenAI-format one, which the
         * proxy passes through untranslated.
         */
        private boolean proxy() {
            begin();
            ViaProxy via = o.viaProxy();
            boolean openAi = p.format().isOpenAi();
            ApiFormat f = openAi ? p.format() : ApiFormat.ANTHROPIC;
            String probeModel = openAi ? model : ViaProxy.PROBE_MODEL;
            URI uri = Dialect.messageUri(f, openAi ? via.openAiBase(p.name()).toString()
                    : via.profileBase(p.name()).toString());
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(o.timeout())
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer " + via.localToken());
            if (!openAi) {
                b.header("anthropic-version", Dialect.ANTHROPIC_VERSION).header("x-api-key", via.localToken());
            }
            HttpRequest req = b.POST(HttpRequest.BodyPublishers.ofString(Dialect.messageBody(f, probeModel, false)))
                    .build();
            try {
                Http.Response r = http.send(req);
                Classifier.Call call = new Classifier.Call(p, Step.PROXY, uri, f, probeModel, knownModels, true);
                return judge(Step.PROXY, call, r, "the proxy answered");
            } catch (Exception e) {
                return fail(Step.PROXY, null, failures.of(p, uri, true, o.timeout(), e));
            }
        }

        private boolean judge(Step step, Classifier.Call call, Http.Response r, String okText) {
            Diagnosis d = classifier.classify(call, r);
            return d.ok() ? pass(step, okText + " (HTTP " + r.status() + ")", r.status()) : fail(step, r.status(), d);
        }

        /** A 401: retry with each other header style; success with one means that style is the fix. */
        private boolean authFailure(Step step, Classifier.Call call, Http.Response first,
                java.util.function.Function<AuthStyle, HttpRequest> retry) {
            if (key != null) {
                for (AuthStyle style : p.auth().others()) {
                    try {
                        Http.Response again = http.send(retry.apply(style));
                        if (again.success()) {
                            return fail(step, first.status(), fixes.wrongAuthStyle(p, style));
                        }
                    } catch (Exception e) {
                        LOG.fine(() -> "auth retry failed: " + e.getClass().getSimpleName());
                    }
                }
            }
            return fail(step, first.status(), key == null
                    ? Diagnosis.of(BAD_CREDENTIAL, "the provider wants a key (HTTP 401) but the profile has none",
                            "store one: " + Fixes.edit(p, "--key-stdin"))
                    : classifier.classify(call, first));
        }

        private Classifier.Call call(Step step, URI uri, ApiFormat expected, boolean viaProxy) {
            return new Classifier.Call(p, step, uri, expected, model, knownModels, viaProxy);
        }

        private HttpRequest.Builder request(URI uri, AuthStyle auth, String k) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(o.timeout())
                    .setHeader("accept", "application/json")
                    .setHeader("content-type", "application/json")
                    .setHeader("user-agent", "signalbox-preflight/" + Signalbox.version());
            if (p.format() == ApiFormat.ANTHROPIC) {
                b.setHeader("anthropic-version", Dialect.ANTHROPIC_VERSION);
            }
            p.headers().forEach(b::setHeader);
            if (k != null) {
                b.setHeader(auth.headerName(), auth.headerValue(k));
            }
            return b;
        }

        private void begin() {
            stepStart = clock.instant();
        }

        private long elapsed() {
            return Duration.between(stepStart, clock.instant()).toMillis();
        }

        private boolean pass(Step step, String detail, Integer status) {
            return record(StepResult.passed(step, elapsed(), scrub(detail), status));
        }

        private boolean fail(Step step, Integer status, Diagnosis d) {
            record(StepResult.failed(step, elapsed(), status,
                    new Diagnosis(d.code(), scrub(d.message()), scrub(d.fix()))));
            return false;
        }

        private boolean record(StepResult r) {
            steps.add(r);
            LOG.fine(() -> "preflight " + p.name() + " " + r.step().id() + " " + r.status() + " " + r.millis()
                    + " ms: " + r.detail());
            try {
                listener.accept(r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "preflight listener failed: " + e.getClass().getSimpleName());
            }
            return r.status() != StepResult.Status.FAILED;
        }

        /** Removes the key and the local token from any text that might quote them. */
        private String scrub(String s) {
            if (s == null) {
                return null;
            }
            String out = s;
            if (key != null) {
                out = out.replace(key, "***");
            }
            if (o.viaProxy() != null && o.viaProxy().localToken() != null) {
                out = out.replace(o.viaProxy().localToken(), "***");
            }
            return out;
        }
    }
}
