package io.signalbox.app.tray;

import io.signalbox.app.engine.ProxyState;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

/**
 * The AWT tray icon and its menu, a thin view over {@link TrayMenuModel}: menu clicks run the
 * model's actions on the FX thread; model changes rebuild the menu on the AWT thread.
 */
public final class SystemTrayView {
    private final TrayMenuModel model;
    private final TrayIcon icon;

    private SystemTrayView(TrayMenuModel model, TrayIcon icon) {
        this.model = model;
        this.icon = icon;
    }

    /** Installs the icon, or returns empty (with the reason) where there is no system tray. */
    public static Optional<SystemTrayView> install(TrayMenuModel model, Consumer<String> unsupported) {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                unsupported.accept("This desktop has no system tray: Signalbox runs in its window only.");
                return Optional.empty();
            }
            SystemTray tray = SystemTray.getSystemTray();
            int size = Math.max(16, tray.getTrayIconSize().height);
            TrayIcon icon = new TrayIcon(TrayIcons.draw(model.state().get(), size), model.tooltip());
            icon.setImageAutoSize(true);
            SystemTrayView view = new SystemTrayView(model, icon);
            icon.setPopupMenu(view.menu(model.profiles(), model.checkedProfile().get(), model.pauseLabel().get(),
                    model.today().get()));
            icon.addMouseListener(new MouseAdapter() {
                @Override
                public void mouseClicked(MouseEvent e) {
                    if (e.getButton() == MouseEvent.BUTTON1) {
                        Platform.runLater(model::open);
                    }
                }
            });
            tray.add(icon);
            view.watch(size);
            return Optional.of(view);
        } catch (AWTException | UnsupportedOperationException | SecurityException e) {
            unsupported.accept("The system tray refused the icon (" + e.getMessage()
                    + "): Signalbox runs in its window only.");
            return Optional.empty();
        }
    }

    private void watch(int size) {
        Runnable rebuild = () -> {
            List<String> names = List.copyOf(model.profiles());
            String checked = model.checkedProfile().get();
            String pause = model.pauseLabel().get();
            ProxyState state = model.state().get();
            String tip = model.tooltip();
            String today = model.today().get();
            EventQueue.invokeLater(() -> {
                icon.setPopupMenu(menu(names, checked, pause, today));
                icon.setImage(TrayIcons.draw(state, size));
                icon.setToolTip(tip);
            });
        };
        model.profiles().addListener((ListChangeListener<String>) c -> rebuild.run());
        model.checkedProfile().addListener((o, a, b) -> rebuild.run());
        model.state().addListener((o, a, b) -> rebuild.run());
        model.port().addListener((o, a, b) -> rebuild.run());
        model.today().addListener((o, a, b) -> rebuild.run());
    }

    private PopupMenu menu(List<String> names, String checked, String pauseLabel, String today) {
        PopupMenu m = new PopupMenu();
        MenuItem title = new MenuItem("Profiles");
        title.setEnabled(false);
        title.setFont(new Font(Font.DIALOG, Font.BOLD, 12));
        m.add(title);
        for (String name : names) {
            CheckboxMenuItem item = new CheckboxMenuItem(name, name.equalsIgnoreCase(String.valueOf(checked)));
            item.addItemListener(e -> Platform.runLater(() -> model.switchTo(name)));
            m.add(item);
        }
        m.addSeparator();
        if (!today.isEmpty()) {
            // where the money goes, without opening the window (a click opens Usage & cost)
            m.add(item(today.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + today.substring(1),
                    model::openUsage));
        }
        m.add(item("Test active profile", model::testActive));
        m.add(item("Open Signalbox", model::open));
        m.add(item(pauseLabel, model::togglePause));
        m.addSeparator();
        m.add(item("Quit", model::quit));
        return m;
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem i = new MenuItem(label);
        i.addActionListener(e -> Platform.runLater(action));
        return i;
    }

    public void message(String title, String text) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, text, TrayIcon.MessageType.INFO));
    }

    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
