package io.signalbox.app.settings;

import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.config.Settings;
import io.signalbox.config.SettingsStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Settings: port, proxy or direct mode, managed clients, start at login, theme. */
public final class SettingsViewModel {
    private final Signalbox signalbox;
    private final Autostart autostart;
    private final StringProperty port = new SimpleStringProperty();
    private final StringProperty mode = new SimpleStringProperty("proxy");
    private final BooleanProperty claude = new SimpleBooleanProperty(true);
    private final BooleanProperty codex = new SimpleBooleanProperty(true);
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final ObjectProperty<Theme> theme;
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty portError = new SimpleStringProperty();

    public SettingsViewModel(Signalbox signalbox, Autostart autostart, ObjectProperty<Theme> theme) {
        this.signalbox = signalbox;
        this.autostart = autostart;
        this.theme = theme;
        port.addListener((o, a, b) -> portError.set(portProblem(b)));
        reload();
    }

    public void reload() {
        Settings s = signalbox.settings().stored();
        port.set(Integer.toString(s.portOrDefault()));
        mode.set(s.modeOrDefault());
        claude.set(s.clientsOrDefault().contains("claude"));
        codex.set(s.clientsOrDefault().contains("codex"));
        startAtLogin.set(autostart.enabled());
        message.set("");
    }

    static String portProblem(String v) {
        try {
            SettingsStore.parsePort(v == null ? "" : v, "Port");
            return null;
        } catch (SignalboxException e) {
            return e.getMessage() + " — " + e.fix();
        }
    }

    public boolean save() {
        String problem = portProblem(port.get());
        if (problem != null) {
            message.set(problem);
            return false;
        }
        int p = Integer.parseInt(port.get().trim());
        List<String> clients = new ArrayList<>();
        if (claude.get()) {
            clients.add("claude");
        }
        if (codex.get()) {
            clients.add("codex");
        }
        Settings before = signalbox.settings().stored();
        signalbox.settings().update(s -> s.withPort(p).withMode(mode.get()).withClients(clients));
        try {
            autostart.set(startAtLogin.get());
        } catch (IOException e) {
            message.set("Saved, but could not change start at login: " + e.getMessage());
            return false;
        }
        message.set(before.portOrDefault() != p ? "Saved. The new port applies when the proxy restarts." : "Saved.");
        return true;
    }

    public boolean autostartSupported() {
        return autostart.supported();
    }

    public StringProperty port() {
        return port;
    }

    public StringProperty mode() {
        return mode;
    }

    public BooleanProperty claude() {
        return claude;
    }

    public BooleanProperty codex() {
        return codex;
    }

    public BooleanProperty startAtLogin() {
        return startAtLogin;
    }

    public ObjectProperty<Theme> theme() {
        return theme;
    }

    public StringProperty message() {
        return message;
    }

    public StringProperty portError() {
        return portError;
    }
}
