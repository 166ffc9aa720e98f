package io.signalbox.server;

import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestListener;
import io.signalbox.event.RequestLog;
import io.signalbox.forward.Forwarder;
import io.signalbox.forward.InFlight;
import io.signalbox.forward.UpstreamClient;
import io.signalbox.forward.UpstreamTrust;
import io.signalbox.forward.UsageGate;
import io.signalbox.route.ActiveProfiles;
import io.signalbox.usage.UsageEngine;
import java.net.BindException;

/**
 * The local proxy engine, bound to 127.0.0.1 only. The small API the desktop app embeds:
 * {@link #start}, {@link #port}, {@link #switchTo}, {@link #subscribe} and {@link #close}.
 */
public final class ProxyServer implements AutoCloseable {
    private final Signalbox signalbox;
    private final ProxyConfig config;
    private final RequestEvents events = new RequestEvents();
    private final InFlight inFlight = new InFlight();
    private final UpstreamClient upstream;
    private final ActiveProfiles profiles;
    private final WebServer server;
    private final UsageEngine usage;
    private final boolean ownsUsage;
    private volatile boolean stopped;
    private volatile ListenerWatch watch;

    /** Client connections served at once; well below typical open-file limits (1024). */
    static final int MAX_TCP_CONNECTIONS = 512;

    /** How often idle client connections are looked for: a quarter of the timeout, at most a minute. */
    static java.time.Duration idlePeriod(java.time.Duration idle) {
        java.time.Duration q = idle.dividedBy(4);
        java.time.Duration min = java.time.Duration.ofMillis(100);
        java.time.Duration max = java.time.Duration.ofMinutes(1);
        return q.compareTo(min) < 0 ? min : q.compareTo(max) > 0 ? max : q;
    }

    private ProxyServer(Signalbox sb, ProxyConfig config, UsageEngine givenUsage) {
        this.signalbox = sb;
        this.config = config;
        this.upstream = new UpstreamClient(config.connectTimeout(), config.idleTimeout(),
                UpstreamTrust.withExtraCas(config.caFile()), config.egress());
        this.profiles = new ActiveProfiles(sb.settings(), sb.profiles());
        this.ownsUsage = givenUsage == null;
        this.usage = givenUsage != null ? givenUsage : UsageEngine.open(sb, name -> profiles.lastKnown().find(name));
        events.subscribe(new RequestLog());
        if (config.recordUsage()) {
            events.subscribe(usage);
        }
        Forwarder fwd = new Forwarder(profiles, name -> sb.secrets().get(name), upstream, events, inFlight,
                config.maxBodyBytes(), config.recordUsage() ? usage : UsageGate.NONE);
        LocalAuthFilter auth = new LocalAuthFilter(sb.localToken(), events);
        ConnectionClose connectionClose = new ConnectionClose();
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(config.port())
                .shutdownHook(false)
                // Only what the proxy uses: no discovered features (observability, CORS, ...), no
                // transparent compression (bodies and SSE pass through as the upstream sent them).
                .featuresDiscoverServices(false)
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .backlog(1024)
                // A cap well below the usual 1024 open-file limit: past it, new connections wait in
                // the backlog instead of accept() failing with "too many open files".
                .maxTcpConnections(MAX_TCP_CONNECTIONS)
                // A client connection that sends nothing for this long is closed (a request being
                // answered — a long SSE stream — is not idle).
                .idleConnectionTimeout(config.clientIdleTimeout())
                .idleConnectionPeriod(idlePeriod(config.clientIdleTimeout()))
                // No Nagle: an SSE event or a small response leaves at once.
                .connectionOptions(o -> o.tcpNoDelay(true))
                // Requests refused before routing get an Anthropic-shaped error and a log line. The
                // server's message is handed to the handler (which classifies it, never repeats it).
                .errorHandling(e -> e.includeEntity(true))
                .directHandlers(d -> {
                    ProtocolRejections h = new ProtocolRejections(events);
                    for (io.helidon.http.DirectHandler.EventType t : io.helidon.http.DirectHandler.EventType.values()) {
                        d.addHandler(t, h);
                    }
                })
                // Every connection goes to ClientConnections before a byte of it is read: it answers
                // connections that do not open with an HTTP/1.1 request line (HTTP/1.0, TLS, not HTTP)
                // with the fix, hands the rest to HTTP/1.1, and closes those whose client stops
                // sending before a request is whole. No other protocol is discovered.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new ClientConnections(events,
                        io.helidon.webserver.http1.Http1Config.builder(), connectionClose, config.clientIdleTimeout()))
                .routing(r -> ProxyRoutes.routing(r.addFilter(connectionClose), auth, fwd))
                .build();
    }

    /**
     * Starts the proxy; the port is {@code config.port()}, or a free one when that is 0. Throws a
     * {@link PortInUseException} when another program listens on the port, a
     * {@link SignalboxException} when the port cannot be bound for another reason.
     */
    public static ProxyServer start(Signalbox sb, ProxyConfig config) {
        return start(sb, config, null);
    }

    /**
     * Starts the proxy recording usage into {@code usage} (which the caller closes), or into the
     * default store ({@code SIGNALBOX_DB_URL}, else {@code SIGNALBOX_HOME/usage.db}) when null.
     */
    public static ProxyServer start(Signalbox sb, ProxyConfig config, UsageEngine usage) {
        ProxyServer p = new ProxyServer(sb, config, usage);
        try {
            BindException bindFailure = ListenFailures.during(p.server::start);
            if (!p.server.isRunning()) {
                throw p.listenFailure(bindFailure);
            }
            p.watch = ListenerWatch.install(p.server.port());
        } catch (RuntimeException e) {
            p.upstream.close();
            if (p.ownsUsage) {
                p.usage.close();
            }
            throw e;
        }
        return p;
    }

    /**
     * True when {@code t} (or its cause) is the web server running out of bytes because the client
     * closed its connection mid-request: the client's doing, not the proxy's, so not worth a warning.
     */
    public static boolean clientClosedMidRequest(Throwable t) {
        return ProtocolRejections.clientClosedMidRequest(t);
    }

    /** Helidon logged why its listener did not start and returned; this says it to the caller. */
    private SignalboxException listenFailure(BindException cause) {
        int port = config.port();
        String settings = signalbox.home().resolve("settings.json").toString();
        if (ListenFailures.inUse(cause, port)) {
            return new PortInUseException(port, "stop the other process, or choose another port: SIGNALBOX_PORT=N or"
                    + " \"port\": N in " + settings, cause);
        }
        return new SignalboxException("the proxy could not listen on 127.0.0.1:" + port
                + (cause == null ? " (see the log above)" : ": " + cause.getMessage()),
                "choose another port (1024 to 65535): SIGNALBOX_PORT=N or \"port\": N in " + settings, cause);
    }

    /** Starts the proxy with the settings' configuration. */
    public static ProxyServer start(Signalbox sb) {
        return start(sb, ProxyConfig.from(sb));
    }

    public int port() {
        return server.port();
    }

    /** False once stopped, and once the listener has ended by itself (see {@link #listenerFailure}). */
    public boolean isRunning() {
        ListenerWatch w = watch;
        return server.isRunning() && (w == null || !w.failure().isDone());
    }

    /**
     * Completes, with what happened and the fix, if the listener stops accepting connections while
     * the proxy is meant to run (accept() failing with "too many open files", say); never
     * completes otherwise. {@code signalbox serve} should wait on this as well as on its shutdown
     * hook and exit non-zero with the message.
     */
    public java.util.concurrent.CompletableFuture<SignalboxException> listenerFailure() {
        ListenerWatch w = watch;
        return w == null ? new java.util.concurrent.CompletableFuture<>() : w.failure().copy();
    }

    public ProxyConfig config() {
        return config;
    }

    /** Subscribes to request lifecycle events; close the handle to unsubscribe. */
    public AutoCloseable subscribe(RequestListener listener) {
        return events.subscribe(listener);
    }

    /** The profile requests go to now (null when none is active). */
    public String activeProfile() {
        return profiles.current().activeProfile();
    }

    /**
     * Makes {@code profile} the active one (as {@code signalbox use} does, via settings.json); the
     * next request uses it, requests in flight finish on theirs.
     */
    public void switchTo(String profile) {
        String name = signalbox.profiles().get(profile).name();
        signalbox.settings().update(s -> s.withActiveProfile(name));
    }

    /**
     * Usage accounting: budgets ({@code usage().budgets().subscribe(...)} for warnings), the
     * count of requests that could not be recorded ({@code usage().lost()}), queries.
     */
    public UsageEngine usage() {
        return usage;
    }

    /** Requests being relayed now. */
    public int inFlight() {
        return inFlight.count();
    }

    /**
     * Stops: waits up to the shutdown grace for in-flight streams, ends the rest with an SSE
     * error event, then closes the listener and the upstream pool.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        inFlight.drain(config.shutdownGrace());
        if (watch != null) {
            watch.close();
        }
        server.stop();
        upstream.close();
        if (ownsUsage) {
            usage.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
