package io.signalbox.app;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.PortProbe;
import io.signalbox.app.engine.ProfileSwitcher;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.app.profiles.PreflightRunner;
import io.signalbox.app.tray.SystemTrayView;
import io.signalbox.app.usage.StoreUsageSource;
import io.signalbox.app.window.MainWindow;
import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The desktop app: checks the port, starts the in-process proxy (or attaches to the Signalbox
 * already serving it), installs the tray icon (or says once that there is none) and shows the
 * window when asked — at once when there is no tray.
 */
public final class SignalboxApp extends Application {
    private static final Logger LOG = Logger.getLogger(SignalboxApp.class.getName());

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private ProxyController proxy;
    private MainWindow window;
    private Optional<SystemTrayView> tray = Optional.empty();
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        Signalbox sb = Signalbox.open(Env.system(), w -> LOG.warning(w));
        proxy = new ProxyController(sb);
        if (!startProxy(sb)) {
            Platform.exit();
            return;
        }
        StoreUsageSource usage = StoreUsageSource.of(sb, proxy, background);
        AppServices services = new AppServices(sb, proxy, ProfileSwitcher.clientConfigs(sb), usage,
                PreflightRunner.engine(sb.env(), sb.clock(), proxy::preflightVia), this::notifyUser, Platform::runLater, background, launchCommand());
        window = new MainWindow(services);
        services.tray.onOpen(this::showWindow);
        services.tray.onOpenUsage(() -> {
            showWindow();
            window.tabs().getSelectionModel().select(2);
        });
        services.tray.onQuit(this::quit);
        services.tray.onTest(name -> {
            showWindow();
            services.profiles.select(name);
            services.preflight.test(name, true);
        });
        window.show(primary);
        tray = SystemTrayView.install(services.tray, this::sayNoTray);
        if (tray.isPresent()) {
            Platform.setImplicitExit(false);
            primary.setOnCloseRequest(e -> window.remember(primary));
            if (getParameters().getRaw().contains("--hidden")) {
                primary.hide();
            }
        } else {
            primary.setOnCloseRequest(e -> quit());
        }
    }

    private boolean startProxy(Signalbox sb) {
        int port;
        try {
            port = sb.settings().port();
        } catch (SignalboxException e) {
            error(e.getMessage() + "\n" + e.fix());
            return false;
        }
        PortProbe.Result r = PortProbe.check(port);
        if (r != PortProbe.Result.FREE) {
            LOG.info(StartupDialogs.describe(r, port));
            switch (StartupDialogs.askPortTaken(r, port)) {
                case ATTACH -> {
                    proxy.attach(port);
                    return true;
                }
                case QUIT -> {
                    return false;
                }
                case OTHER_PORT -> {
                    Optional<Integer> p = StartupDialogs.askPort(PortProbe.freePort());
                    if (p.isEmpty()) {
                        return false;
                    }
                    port = p.get();
                    int chosen = port;
                    sb.settings().update(s -> s.withPort(chosen));
                }
            }
        }
        try {
            proxy.start(port);
            return true;
        } catch (RuntimeException e) {
            error("The proxy could not start on port " + port + ": " + e.getMessage()
                    + (e instanceof SignalboxException se && !se.fix().isEmpty() ? "\n" + se.fix() : ""));
            return false;
        }
    }

    private void sayNoTray(String why) {
        LOG.info(why);
        Platform.runLater(() -> window.notify("No system tray", why));
    }

    private void notifyUser(String title, String text) {
        if (tray.isPresent() && (stage == null || !stage.isShowing())) {
            tray.get().message(title, text);
        } else if (window != null) {
            window.notify(title, text);
        }
    }

    private void showWindow() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    private void quit() {
        if (window != null && stage.isShowing()) {
            window.remember(stage);
        }
        tray.ifPresent(SystemTrayView::remove);
        background.execute(() -> {
            proxy.close();
            Platform.runLater(() -> {
                Platform.exit();
                System.exit(0);
            });
        });
    }

    private static String launchCommand() {
        String jvm = ProcessHandle.current().info().command().orElse("java");
        String jar;
        try { // a path, not a URL's (a space would be %20)
            jar = java.nio.file.Path.of(SignalboxApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            jar = "";
        }
        return io.signalbox.app.settings.Autostart.command(System.getProperty("jpackage.app-path"), jvm, jar);
    }

    private static void error(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText("Signalbox cannot start");
        a.showAndWait();
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        background.shutdownNow();
    }
}
