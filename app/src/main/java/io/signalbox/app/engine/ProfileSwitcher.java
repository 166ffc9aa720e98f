package io.signalbox.app.engine;

import io.signalbox.Signalbox;

/**
 * Makes a profile the active one. This is the one place the app switches profiles (tray menu and
 * window both call it), so the client-config writer ({@code io.signalbox.client}, the engine's
 * {@code use}) plugs in here: give {@link io.signalbox.app.AppServices} a switcher that calls it.
 */
@FunctionalInterface
public interface ProfileSwitcher {
    /** Switches to {@code profile}; returns the profile's stored name. Throws a SignalboxException when it cannot. */
    String use(String profile);

    /**
     * What the app uses: the same as {@code signalbox use NAME} with the mode and clients from the
     * settings — the client configs are merged (with backups) and the active profile is set, so the
     * proxy applies it to the next request.
     */
    static ProfileSwitcher clientConfigs(Signalbox sb) {
        return profile -> {
            var settings = sb.settings().load();
            String name = sb.profiles().get(profile).name();
            new io.signalbox.client.Switcher(sb).use(name,
                    io.signalbox.client.SwitchMode.parse(settings.modeOrDefault()),
                    io.signalbox.client.Switcher.parseClients(settings.clientsOrDefault()),
                    false); // a client that cannot use this profile stays on its own, as with plain `use`
            return name;
        };
    }

    /** Sets {@code activeProfile} in settings.json only; the proxy applies it to the next request. */
    static ProfileSwitcher settingsOnly(Signalbox sb) {
        return profile -> {
            String name = sb.profiles().get(profile).name();
            sb.settings().update(s -> s.withActiveProfile(name));
            return name;
        };
    }
}
