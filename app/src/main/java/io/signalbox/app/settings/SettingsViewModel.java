package io.signalbox.app.settings;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.PortProbe;
import io.signalbox.app.engine.ProxyController;
import io.signalbox.client.ClientCompatibility;
import io.signalbox.client.Switcher;
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

/**
 * Settings: port, proxy or direct mode, managed clients, failover cooldown, start at login, theme. A new port applies
 * at once when this app runs the proxy: the proxy moves to it and the client files that pointed at
 * the old port are pointed at the new one.
 */
public final class SettingsViewModel {
    private final Signalbox signalbox;
    private final ProxyController proxy;
    private final Autostart autostart;
    private final StringProperty port = new SimpleStringProperty();
    private final StringProperty mode = new SimpleStringProperty("proxy");
    private final BooleanProperty claude = new SimpleBooleanProperty(true);
    private final BooleanProperty codex = new SimpleBooleanProperty(true);
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final StringProperty cooldown = new SimpleStringProperty();
    private final ObjectProperty<Theme> theme;
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty portError = new SimpleStringProperty();
    private final StringProperty portNote = new SimpleStringProperty("");

    public SettingsViewModel(Signalbox signalbox, ProxyController proxy, Autostart autostart,
            ObjectProperty<Theme> theme) {
        this.signalbox = signalbox;
        this.proxy = proxy;
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
        cooldown.set(Integer.toString(s.failoverCooldownOrDefault()));
        message.set("");
        portNote.set(portNote(s.portOrDefault()));
    }

    /**
     * What the port field alone does not tell: SIGNALBOX_PORT overriding it, or a proxy listening
     * elsewhere (attached to another Signalbox, or kept on its old port). Empty when the field is the truth.
     */
    private String portNote(int saved) {
        var env = signalbox.env().get("SIGNALBOX_PORT");
        int running = proxy.port();
        if (env.isPresent()) {
            return "SIGNALBOX_PORT=" + env.get() + " in the environment overrides this setting"
                    + (running > 0 ? "; the proxy listens on port " + running : "")
                    + ". Unset it to use the port saved here.";
        }
        if (running > 0 && running != saved) {
            return "The proxy listens on port " + running + " now; Save moves it to the port above.";
        }
        return "";
    }

    static String portProblem(String v) {
        try {
            SettingsStore.parsePort(v == null ? "" : v, "Port");
            return null;
        } catch (SignalboxException e) {
            return e.getMessage() + " — " + e.fix();
        }
    }

    /** Null when {@code v} is a cooldown settings.json takes (whole seconds, 0 to 3600), else what is wrong. */
    static String cooldownProblem(String v) {
        String t = v == null ? "" : v.strip();
        if (t.matches("\\d{1,4}") && Integer.parseInt(t) <= Settings.MAX_FAILOVER_COOLDOWN_SECONDS) {
            return null;
        }
        return "Failover cooldown: '" + t + "' is not a number of seconds from 0 to "
                + Settings.MAX_FAILOVER_COOLDOWN_SECONDS + " — 0 asks a failed profile first again at once; the default is "
                + Settings.DEFAULT_FAILOVER_COOLDOWN_SECONDS;
    }

    public boolean save() {
        String problem = portProblem(port.get());
        if (problem == null) {
            problem = cooldownProblem(cooldown.get());
        }
        if (problem != null) {
            message.set(problem);
            return false;
        }
        int coolSeconds = Integer.parseInt(cooldown.get().strip());
        int p = Integer.parseInt(port.get().trim());
        List<String> clients = new ArrayList<>();
        if (claude.get()) {
            clients.add("claude");
        }
        if (codex.get()) {
            clients.add("codex");
        }
        Settings before = signalbox.settings().stored();
        boolean portChanged = before.portOrDefault() != p;
        var envPort = signalbox.env().get("SIGNALBOX_PORT");
        int from = proxy.port();
        boolean move = portChanged && envPort.isEmpty() && proxy.ownsPort() && from != p;
        if (move) {
            if (!PortProbe.isFree(p)) {
                message.set("Port " + p + " is in use by another program; the proxy stays on port " + from
                        + " and nothing was saved. Choose another port.");
                return false;
            }
            try {
                proxy.moveTo(p);
            } catch (RuntimeException e) {
                message.set("The proxy could not listen on port " + p + " (" + e.getMessage() + "); it stays on port "
                        + from + " and nothing was saved.");
                return false;
            }
        }
        signalbox.settings().update(s -> s.withPort(p).withMode(mode.get()).withClients(clients)
                .withFailoverCooldownSeconds(s.failoverCooldownSeconds() == null
                        && coolSeconds == Settings.DEFAULT_FAILOVER_COOLDOWN_SECONDS ? null : coolSeconds));
        StringBuilder said = new StringBuilder("Saved.");
        if (move) {
            said.append(" The proxy now listens on port ").append(p).append('.');
            try {
                List<String> moved = new Switcher(signalbox).movePort(from, p).stream()
                        .map(o -> ClientCompatibility.clientName(o.client())).toList();
                if (!moved.isEmpty()) {
                    said.append(' ').append(String.join(" and ", moved)).append(moved.size() == 1 ? " was" : " were")
                            .append(" pointed at it; sessions already running still use port ").append(from)
                            .append(": restart them.");
                }
            } catch (SignalboxException e) {
                said.append(" A client file could not be updated: ").append(e.getMessage()).append(" — ")
                        .append(e.fix());
            }
        } else if (portChanged && envPort.isPresent()) {
            said.append(" SIGNALBOX_PORT=").append(envPort.get())
                    .append(" in the environment overrides the port setting.");
        } else if (portChanged && proxy.state() == io.signalbox.app.engine.ProxyState.ATTACHED) {
            said.append(" The Signalbox serving port ").append(from).append(" keeps it until it restarts.");
        }
        try {
            autostart.set(startAtLogin.get());
        } catch (IOException e) {
            message.set(said + " Could not change start at login: " + e.getMessage());
            return false;
        }
        message.set(said.toString());
        portNote.set(portNote(p));
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

    /** Seconds a profile whose provider could not take a request is passed over (its fallbacks first). */
    public StringProperty cooldown() {
        return cooldown;
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

    /** A note under the port field when it is not the port the proxy listens on (empty otherwise). */
    public StringProperty portNote() {
        return portNote;
    }

    public StringProperty portError() {
        return portError;
    }
}
