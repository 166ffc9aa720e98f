package io.signalbox.app;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.Notifier;
import io.signalbox.app.engine.ProfileSwitcher;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.app.log.LiveLogViewModel;
import io.signalbox.app.profiles.PreflightRunner;
import io.signalbox.app.profiles.PreflightViewModel;
import io.signalbox.app.profiles.ProfilesViewModel;
import io.signalbox.app.settings.Autostart;
import io.signalbox.app.settings.SettingsViewModel;
import io.signalbox.app.settings.Theme;
import io.signalbox.app.tray.TrayMenuModel;
import io.signalbox.app.usage.UsageSource;
import io.signalbox.app.usage.UsageViewModel;
import io.signalbox.app.window.AppState;
import io.signalbox.app.window.AppStateStore;
import io.signalbox.usage.BudgetEvent;
import java.time.ZoneId;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The wiring: the engine, the app's seams (profile switcher, usage source, preflight runner,
 * notifier) and the ViewModels built on them. Budget warnings and refusals of the in-process
 * proxy become notifications.
 */
public final class AppServices {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AppServices.class.getName());
    /** How many requests recorded before the start the live log shows. */
    public static final int HISTORY = 200;
    public final Signalbox signalbox;
    public final ProxyController proxy;
    public final AppStateStore stateStore;
    public final ObjectProperty<Theme> theme;
    public final TrayMenuModel tray;
    public final ProfilesViewModel profiles;
    public final PreflightViewModel preflight;
    public final LiveLogViewModel log;
    public final UsageViewModel usage;
    public final SettingsViewModel settings;

    /**
     * @param ui         runs on the UI thread ({@code Platform::runLater}; tests without a display: {@code Runnable::run})
     * @param background runs long work (preflight, export) off the UI thread
     * @param launch     the command an autostart entry runs
     */
    public AppServices(Signalbox signalbox, ProxyController proxy, ProfileSwitcher switcher, UsageSource usageSource,
            PreflightRunner runner, Notifier notifier, Executor ui, Executor background, String launch) {
        this.signalbox = signalbox;
        this.proxy = proxy;
        this.stateStore = new AppStateStore(signalbox.home());
        AppState state = stateStore.load();
        this.theme = new SimpleObjectProperty<>("DARK".equals(state.theme()) ? Theme.DARK : Theme.LIGHT);
        theme.addListener((o, a, b) -> stateStore.save(stateStore.load().withTheme(b.name())));
        ZoneId zone = ZoneId.systemDefault();
        this.tray = new TrayMenuModel(signalbox, switcher, proxy, notifier, ui);
        this.profiles = new ProfilesViewModel(signalbox, changed -> tray.refresh());
        this.preflight = new PreflightViewModel(signalbox, runner, ui, background, notifier);
        // the Test panel follows the profile in the editor: its last result, never another profile's
        preflight.show(profiles.editing().get());
        profiles.editing().addListener((o, a, b) -> preflight.show(b));
        // from the tray: the outcome also comes as a notification (the window may be hidden)
        tray.onTest(name -> preflight.test(name, true));
        this.log = new LiveLogViewModel(ui, signalbox.clock(), zone, proxy::cost);
        long started = signalbox.clock().millis();
        proxy.subscribe(log);
        // the requests recorded before this start, so the live log does not open empty
        background.execute(() -> {
            try {
                log.loadHistory(usageSource.recent(started, HISTORY));
            } catch (RuntimeException e) {
                LOG.warning("the live log's history could not be read: " + e.getMessage());
            }
        });
        proxy.onBudget(e -> ui.execute(() -> notifier.notify(budgetTitle(e),
                io.signalbox.app.usage.BudgetNotice.text(e)))); // the engine's message and how to fix it
        this.usage = new UsageViewModel(usageSource, signalbox.clock(), zone, ui, background);
        // today's cost in the tray menu and tooltip, kept current as requests are recorded
        Runnable today = () -> background.execute(() -> {
            try {
                var t = usageSource.summary(java.time.LocalDate.now(signalbox.clock().withZone(zone)), "day").total();
                String text = TrayMenuModel.todayText(t);
                ui.execute(() -> tray.today().set(text));
            } catch (RuntimeException e) {
                LOG.fine("today's usage could not be read: " + e.getMessage());
            }
        });
        usageSource.onChange(today);
        today.run();
        this.settings = new SettingsViewModel(signalbox, proxy, new Autostart(signalbox.env(), launch), theme);
    }

    /**
     * The notification title of a budget event; its text is the engine's message (no secrets in it)
     * with the fix ({@link io.signalbox.app.usage.BudgetNotice}).
     */
    public static String budgetTitle(BudgetEvent e) {
        return switch (e.level()) {
            case WARNING -> "Budget 80 % used: " + e.profile();
            case EXCEEDED -> "Budget used up: " + e.profile() + (e.soft() ? " (soft, requests still pass)"
                    : " — requests refused");
        };
    }
}
