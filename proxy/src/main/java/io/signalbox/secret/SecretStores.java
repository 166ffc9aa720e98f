package io.signalbox.secret;

import io.signalbox.common.Env;
import io.signalbox.common.SignalboxException;
import io.signalbox.config.SettingsStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** Picks the secret store: {@code SIGNALBOX_SECRET_STORE} first, then the setting, else the keychain. */
public final class SecretStores {
    private SecretStores() {
    }

    public static String choice(Env env, String setting) {
        String v = env.get("SIGNALBOX_SECRET_STORE").orElse(setting == null ? "keychain" : setting);
        return v.trim().toLowerCase(Locale.ROOT);
    }

    public static SecretStore open(Env env, Path signalboxHome, String setting, Consumer<String> warn) {
        String choice = choice(env, setting);
        return switch (choice) {
            case "file" -> new FileSecretStore(signalboxHome, warn);
            case "keychain", "keyring", "os" -> new LazySecretStore(
                    () -> KeychainSecretStore.open(signalboxHome.resolve(SettingsStore.FILE_NAME)));
            default -> throw new SignalboxException("unknown secret store '" + choice + "'",
                    "set SIGNALBOX_SECRET_STORE to 'keychain' (default) or 'file'");
        };
    }
}
