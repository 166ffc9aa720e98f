package io.signalbox.app.tray;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.Notifier;
import io.signalbox.app.engine.ProfileSwitcher;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.app.engine.ProxyState;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Profile;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the tray menu shows and does: one check item per profile (the active one checked), "Test
 * active profile", "Open Signalbox", "Pause proxy"/"Resume proxy", "Quit"; and the icon's state.
 * The window's "Use" button switches through the same model, so both stay in step.
 */
public final class TrayMenuModel {
    private final Signalbox signalbox;
    private final ProfileSwitcher switcher;
    private final ProxyController proxy;
    private final Notifier notifier;
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final StringProperty checkedProfile = new SimpleStringProperty();
    private final StringProperty today = new SimpleStringProperty("");
    private final ObjectProperty<ProxyState> state = new SimpleObjectProperty<>(ProxyState.STOPPED);
    private final javafx.beans.property.IntegerProperty port = new javafx.beans.property.SimpleIntegerProperty();
    private final ReadOnlyStringWrapper pauseLabel = new ReadOnlyStringWrapper("Pause proxy");
    private Consumer<String> tester = name -> { };
    private Runnable opener = () -> { };
    private Runnable usageOpener;
    private Runnable quitter = () -> { };

    public TrayMenuModel(Signalbox signalbox, ProfileSwitcher switcher, ProxyController proxy, Notifier notifier,
            Executor ui) {
        this.signalbox = signalbox;
        this.switcher = switcher;
        this.proxy = proxy;
        this.notifier = notifier;
        state.set(proxy.state());
        proxy.onState(s -> ui.execute(() -> state.set(s)));
        port.set(proxy.port());
        proxy.onPort(p -> ui.execute(() -> port.set(p)));
        state.addListener((o, a, b) -> pauseLabel.set(b == ProxyState.PAUSED ? "Resume proxy" : "Pause proxy"));
        refresh();
    }

    /** Re-reads the profiles and the active one (after an edit, or a switch from the CLI). */
    public void refresh() {
        profiles.setAll(signalbox.profiles().list().stream().map(Profile::name).toList());
        checkedProfile.set(signalbox.settings().load().activeProfile());
    }

    /** The action behind a profile's check item. */
    public boolean switchTo(String profile) {
        try {
            ProfileSwitcher.Switched done = switcher.use(profile);
            String name = done.profile();
            checkedProfile.set(name);
            notifier.notify("Switched to " + name, done.summary());
            return true;
        } catch (SignalboxException e) {
            checkedProfile.set(signalbox.settings().load().activeProfile());
            notifier.notify("Could not switch to " + profile, e.getMessage());
            return false;
        }
    }

    public void testActive() {
        String active = checkedProfile.get();
        if (active == null) {
            notifier.notify("No active profile", "Pick a profile first.");
            return;
        }
        tester.accept(active);
    }

    public void open() {
        opener.run();
    }

    /** Opens the window on Usage &amp; cost (the window alone until {@link #onOpenUsage} says how). */
    public void openUsage() {
        (usageOpener != null ? usageOpener : opener).run();
    }

    public void onOpenUsage(Runnable r) {
        this.usageOpener = r;
    }

    public void togglePause() {
        if (proxy.state() == ProxyState.PAUSED) {
            try {
                proxy.resume();
            } catch (SignalboxException e) {
                notifier.notify("Could not resume the proxy", e.getMessage() + " — " + e.fix());
                return;
            }
            notifier.notify("Proxy resumed", "Listening on port " + proxy.port() + ".");
        } else if (proxy.isServing()) {
            proxy.pause();
            notifier.notify("Proxy paused", "Requests to port " + proxy.port() + " are refused until you resume.");
        }
    }

    public boolean canPause() {
        return proxy.isServing() || proxy.state() == ProxyState.PAUSED;
    }

    public void quit() {
        quitter.run();
    }

    public void onTest(Consumer<String> t) {
        this.tester = t;
    }

    public void onOpen(Runnable r) {
        this.opener = r;
    }

    public void onQuit(Runnable r) {
        this.quitter = r;
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public StringProperty checkedProfile() {
        return checkedProfile;
    }

    public ObjectProperty<ProxyState> state() {
        return state;
    }

    /** The proxy's port (the tooltip names it); changes when the port is moved in Settings. */
    public javafx.beans.property.ReadOnlyIntegerProperty port() {
        return port;
    }

    public ReadOnlyStringProperty pauseLabel() {
        return pauseLabel.getReadOnlyProperty();
    }

    public String tooltip() {
        String active = checkedProfile.get() == null ? "no profile" : checkedProfile.get();
        return "Signalbox — " + active + " — " + switch (state.get()) {
            case RUNNING -> "proxy on port " + proxy.port();
            case PAUSED -> "proxy paused";
            case FAILING -> "last request failed";
            case ATTACHED -> "using the Signalbox on port " + proxy.port();
            case STOPPED -> "proxy stopped";
        } + (today.get().isEmpty() ? "" : " — " + today.get());
    }

    /** What today cost so far, as the menu and the tooltip show it ("" until it is known). */
    public StringProperty today() {
        return today;
    }

    /** "today $0.0486 + ? · 3 requests": the cost ("+ ?" when some had no price) and the requests of {@code t}. */
    public static String todayText(io.signalbox.usage.UsageSummary.Group t) {
        if (t == null || t.requests() == 0) {
            return "today: no requests yet";
        }
        return "today " + io.signalbox.app.usage.Money.format(t.cost()) + (t.unknownCostRequests() > 0 ? " + ?" : "")
                + " · " + String.format("%,d", t.requests()) + (t.requests() == 1 ? " request" : " requests");
    }
}
