package io.signalbox.app.engine;

import io.signalbox.Signalbox;
import io.signalbox.client.SwitchMode;
import io.signalbox.client.Switcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a profile the active one. This is the one place the app switches profiles (tray menu and
 * window both call it).
 */
@FunctionalInterface
public interface ProfileSwitcher {
    /** What a switch did, in words for a notification. */
    record Switched(String profile, String summary) {
    }

    /** Switches to {@code profile}. Throws a SignalboxException when it cannot. */
    Switched use(String profile);

    /**
     * What the app uses: the same as {@code signalbox use NAME} with the mode and clients from the
     * settings — the client configs are merged (with backups) and the active profile is set, so the
     * proxy applies it to the next request. A client that cannot use the profile stays on its own,
     * and the summary says so.
     */
    static ProfileSwitcher clientConfigs(Signalbox sb) {
        return profile -> {
            var settings = sb.settings().load();
            String name = sb.profiles().get(profile).name();
            var outcomes = new Switcher(sb).use(name, SwitchMode.parse(settings.modeOrDefault()),
                    Switcher.parseClients(settings.clientsOrDefault()), false);
            return new Switched(name, summary(name, outcomes) + noKey(sb, name));
        };
    }

    static String summary(String name, List<Switcher.Outcome> outcomes) {
        List<String> now = new ArrayList<>();
        List<String> stayed = new ArrayList<>();
        for (Switcher.Outcome o : outcomes) {
            String client = o.client().equals("claude") ? "Claude Code" : o.client().equals("codex") ? "Codex" : o.client();
            if (o.written() && name.equals(o.profile())) {
                now.add(client);
            } else {
                stayed.add(client);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(now.isEmpty() ? "The proxy now uses " + name + "." : String.join(" and ", now) + " now use" + (now.size() == 1 ? "s " : " ") + name + ".");
        if (!stayed.isEmpty()) {
            b.append(' ').append(String.join(" and ", stayed)).append(stayed.size() == 1 ? " stays" : " stay")
                    .append(" on its own profile: it cannot use ").append(name).append(" (see signalbox status).");
        }
        return b.toString();
    }

    /** A warning for a profile that needs a key and has none stored (the proxy answers its requests with 401). */
    static String noKey(Signalbox sb, String name) {
        try {
            return sb.profiles().get(name).needsKey() && !sb.secrets().has(name) ? " No API key is stored for "
                    + name + ", so every request gets 401: add it under Profiles (API key), then Save." : "";
        } catch (RuntimeException e) {
            return ""; // an unreachable keychain only costs this hint
        }
    }

    /** Sets {@code activeProfile} in settings.json only; the proxy applies it to the next request. */
    static ProfileSwitcher settingsOnly(Signalbox sb) {
        return profile -> {
            String name = sb.profiles().get(profile).name();
            sb.settings().update(s -> s.withActiveProfile(name));
            return new Switched(name, "The proxy now uses " + name + "." + noKey(sb, name));
        };
    }
}
