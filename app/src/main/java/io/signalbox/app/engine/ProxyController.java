package io.signalbox.app.engine;

import io.signalbox.Signalbox;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestEvents;
import io.signalbox.event.RequestListener;
import io.signalbox.route.ActiveProfiles;
import io.signalbox.server.ProxyConfig;
import io.signalbox.server.ProxyServer;
import io.signalbox.usage.BudgetEvent;
import io.signalbox.usage.UsageEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs the in-process proxy for the app: start, pause (closes the port), resume, attach to another
 * Signalbox. Request events of every proxy it starts reach the app's listeners, which therefore
 * stay subscribed across pause and resume. The usage engine (store writer, pricing, budgets) is
 * opened with the first start and outlives pause and resume, so budget listeners stay subscribed
 * too. Plain Java: the ViewModels adapt it to JavaFX.
 */
public final class ProxyController implements AutoCloseable {
    private final Signalbox signalbox;
    private final UnaryOperator<ProxyConfig> configure;
    private final RequestEvents events = new RequestEvents();
    private final CopyOnWriteArrayList<Consumer<ProxyState>> stateListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<BudgetEvent>> budgetListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<java.util.function.IntConsumer> portListeners = new CopyOnWriteArrayList<>();
    private volatile UsageEngine usage;
    private ProxyServer server;
    private AutoCloseable subscription;
    private volatile ProxyState state = ProxyState.STOPPED;
    private volatile int port;
    /** Listeners left behind by {@link #moveTo}, finishing their in-flight streams. */
    private final java.util.List<Thread> retiring = new java.util.ArrayList<>();

    public ProxyController(Signalbox signalbox, UnaryOperator<ProxyConfig> configure) {
        this.signalbox = signalbox;
        this.configure = configure;
        events.subscribe(this::track);
    }

    public ProxyController(Signalbox signalbox) {
        this(signalbox, c -> c);
    }

    /** Starts the proxy on {@code port} (0: a free one). */
    public synchronized void start(int port) {
        stopServer();
        server = ProxyServer.start(signalbox, configure.apply(ProxyConfig.from(signalbox)).withPort(port), usage());
        subscription = server.subscribe(events::publish);
        setPort(server.port());
        setState(ProxyState.RUNNING);
    }

    /** Uses the Signalbox that already serves {@code port}: no proxy here, the window only. */
    public synchronized void attach(int port) {
        stopServer();
        setPort(port);
        setState(ProxyState.ATTACHED);
    }

    /**
     * Moves the proxy this app runs to {@code newPort}: the new listener starts first (if it cannot,
     * this throws and the old one keeps serving), then the old one stops in the background, letting
     * its in-flight streams finish within the shutdown grace. While paused only the port is
     * remembered for {@link #resume}. Not for an attached Signalbox (another process owns its port).
     */
    public synchronized void moveTo(int newPort) {
        switch (state) {
            case PAUSED -> setPort(newPort);
            case RUNNING, FAILING -> {
                ProxyServer old = server;
                AutoCloseable oldSubscription = subscription;
                server = ProxyServer.start(signalbox, configure.apply(ProxyConfig.from(signalbox)).withPort(newPort),
                        usage());
                subscription = server.subscribe(events::publish);
                setPort(server.port());
                retiring.add(Thread.ofVirtual().name("signalbox-old-port-" + old.port()).start(() -> {
                    old.stop();
                    try {
                        oldSubscription.close();
                    } catch (Exception ignored) {
                        // RequestEvents' handle never throws
                    }
                }));
            }
            default -> throw new IllegalStateException("the proxy is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + " in this app; its port cannot be moved here");
        }
    }

    /** True when this app runs the proxy itself (running, failing or paused), so it can move its port. */
    public boolean ownsPort() {
        ProxyState s = state;
        return s == ProxyState.RUNNING || s == ProxyState.FAILING || s == ProxyState.PAUSED;
    }

    public synchronized void pause() {
        if (server != null) {
            stopServer();
            setState(ProxyState.PAUSED);
        }
    }

    public synchronized void resume() {
        if (state == ProxyState.PAUSED) {
            start(port);
        }
    }

    public ProxyState state() {
        return state;
    }

    public int port() {
        return port;
    }

    public boolean isServing() {
        return state == ProxyState.RUNNING || state == ProxyState.FAILING;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Where a preflight's last step reaches the proxy the clients use: this app's proxy, or the
     * Signalbox it is attached to; null in direct mode (clients do not use a proxy then) or while
     * paused or stopped (the step is skipped, as {@code signalbox test} skips it without a proxy).
     */
    public io.signalbox.preflight.ViaProxy preflightVia() {
        if (!"proxy".equals(signalbox.settings().load().modeOrDefault())
                || !(isServing() || state == ProxyState.ATTACHED)) {
            return null;
        }
        return new io.signalbox.preflight.ViaProxy(java.net.URI.create(baseUrl()), signalbox.localToken());
    }

    /** Request events of the proxies this controller runs; close the handle to unsubscribe. */
    public AutoCloseable subscribe(RequestListener l) {
        return events.subscribe(l);
    }

    /** Called with budget warnings (80 %) and refusals (100 %), on the proxy's threads. */
    public void onBudget(Consumer<BudgetEvent> l) {
        budgetListeners.add(l);
    }

    /**
     * The cost of a terminal event's request as the store records it; null when unknown or when
     * this app runs no proxy.
     */
    public BigDecimal cost(RequestEvent e) {
        UsageEngine u = usage;
        return u == null ? null : u.cost(e);
    }

    /** Requests served since start whose usage could not be recorded (0 without a proxy). */
    public long lostUsage() {
        UsageEngine u = usage;
        return u == null ? 0 : u.lost();
    }

    /** Waits (bounded) until the usage rows of requests so far are in the store. */
    public void flushUsage() {
        UsageEngine u = usage;
        if (u != null) {
            try {
                u.flush(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized UsageEngine usage() {
        if (usage == null) {
            ActiveProfiles profiles = new ActiveProfiles(signalbox.settings(), signalbox.profiles());
            usage = UsageEngine.open(signalbox, name -> profiles.current().find(name));
            usage.budgets().subscribe(this::budget);
        }
        return usage;
    }

    /** Budget events go to the listeners; the refusals that follow (HTTP 402) turn the state FAILING. */
    private void budget(BudgetEvent e) {
        budgetListeners.forEach(l -> l.accept(e));
    }

    /** Called with the port whenever it is set (start, attach, a move), on the thread that set it. */
    public void onPort(java.util.function.IntConsumer l) {
        portListeners.add(l);
    }

    private void setPort(int p) {
        this.port = p;
        portListeners.forEach(l -> l.accept(p));
    }

    /** Called with every state change, on the thread that caused it. */
    public void onState(Consumer<ProxyState> l) {
        stateListeners.add(l);
    }

    private void track(RequestEvent e) {
        if (!e.isTerminal() || !isServing()) {
            return;
        }
        boolean failed = e.kind() == RequestEvent.Kind.FAILED || e.status() >= 400;
        setState(failed ? ProxyState.FAILING : ProxyState.RUNNING);
    }

    private void setState(ProxyState s) {
        if (state != s) {
            state = s;
            stateListeners.forEach(l -> l.accept(s));
        }
    }

    private void stopServer() {
        if (server != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // RequestEvents' handle never throws
            }
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        stopServer();
        for (Thread t : retiring) {
            try {
                t.join(); // bounded by the shutdown grace; their usage rows go in before the store closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        retiring.clear();
        if (usage != null) {
            usage.close();
            usage = null;
        }
        setState(ProxyState.STOPPED);
    }
}
