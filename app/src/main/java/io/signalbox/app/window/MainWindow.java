package io.signalbox.app.window;

import io.signalbox.app.AppServices;
import io.signalbox.app.log.LiveLogView;
import io.signalbox.app.profiles.ProfilesView;
import io.signalbox.app.settings.SettingsView;
import io.signalbox.app.settings.Theme;
import io.signalbox.app.usage.UsageView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The window: four tabs (Ctrl+1..4), Ctrl+N new profile, Ctrl+T test, a status line (with the count
 * of requests whose usage could not be recorded, when there are any); it remembers
 * its size and place in app-state.json and follows the theme.
 */
public final class MainWindow {
    public static final String[] TABS = {"Profiles", "Live log", "Usage & cost", "Settings"};

    private final AppServices services;
    private final TabPane tabs = new TabPane();
    private final ProfilesView profiles;
    private final Scene scene;

    public MainWindow(AppServices s) {
        this.services = s;
        this.profiles = new ProfilesView(s.profiles, s.preflight, s.tray);
        tabs.getTabs().addAll(tab(TABS[0], profiles.node()), tab(TABS[1], new LiveLogView(s.log).node()),
                tab(TABS[2], new UsageView(s.usage).node()), tab(TABS[3], new SettingsView(s.settings).node()));
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() == 2) {
                s.usage.refresh();
            }
        });
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(Bindings.createStringBinding(s.tray::tooltip, s.tray.state(), s.tray.checkedProfile(),
                s.tray.today()));
        Label lost = new Label();
        lost.setId("lostUsage");
        lost.getStyleClass().add("problem");
        lost.textProperty().bind(s.usage.lostText());
        lost.visibleProperty().bind(lost.textProperty().isNotEmpty());
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        HBox statusBar = new HBox(8, status, gap, lost);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        BorderPane root = new BorderPane(tabs);
        root.setBottom(statusBar);
        AppState state = s.stateStore.load();
        scene = new Scene(root, state.width() == null ? 1100 : state.width(), state.height() == null ? 720 : state.height());
        applyTheme(s.theme.get());
        // after the event that changed it: the theme picker's popup is still closing then, and
        // restyling under it left its cells with unresolved colours (CSS warnings)
        s.theme.addListener((o, a, b) -> javafx.application.Platform.runLater(() -> applyTheme(s.theme.get())));
        for (int i = 0; i < TABS.length; i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> tabs.getSelectionModel().select(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            profiles.newProfile();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            profiles.test();
        });
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
        return t;
    }

    /** Swaps only the theme's stylesheet: the base one stays, so no lookup is ever left undefined. */
    private void applyTheme(Theme t) {
        String base = MainWindow.class.getResource("/io/signalbox/app/base.css").toExternalForm();
        String theme = MainWindow.class.getResource(t.stylesheet()).toExternalForm();
        var sheets = scene.getStylesheets();
        if (sheets.size() == 2 && sheets.getFirst().equals(base)) {
            if (!sheets.get(1).equals(theme)) {
                sheets.set(1, theme);
            }
        } else {
            sheets.setAll(base, theme);
        }
    }

    /** Puts the scene on {@code stage}, restoring and then remembering its place. */
    public void show(Stage stage) {
        stage.setTitle("Signalbox");
        stage.setScene(scene);
        AppState st = services.stateStore.load();
        if (st.x() != null && st.y() != null) {
            stage.setX(st.x());
            stage.setY(st.y());
        }
        stage.setMaximized(Boolean.TRUE.equals(st.maximized()));
        stage.setOnHiding(e -> remember(stage));
        stage.show();
        profiles.node().requestFocus();
    }

    public void remember(Stage stage) {
        services.stateStore.save(services.stateStore.load().withBounds(stage.getX(), stage.getY(),
                scene.getWidth(), scene.getHeight(), stage.isMaximized()));
    }

    /** A notification in the window's corner (ControlsFX). */
    public void notify(String title, String text) {
        if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return;
        }
        Notifications.create().owner(scene.getWindow()).title(title).text(text)
                .hideAfter(Duration.seconds(4)).showInformation();
    }

    public Scene scene() {
        return scene;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ProfilesView profiles() {
        return profiles;
    }
}
