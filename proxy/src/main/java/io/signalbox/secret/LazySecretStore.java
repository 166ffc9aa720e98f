package io.signalbox.secret;

import java.util.Optional;
import java.util.function.Supplier;

/** Opens the real store on first use, so commands that need no key never touch the keychain. */
final class LazySecretStore implements SecretStore {
    private final Supplier<SecretStore> opener;
    private SecretStore delegate;

    LazySecretStore(Supplier<SecretStore> opener) {
        this.opener = opener;
    }

    private synchronized SecretStore store() {
        if (delegate == null) {
            delegate = opener.get();
        }
        return delegate;
    }

    @Override
    public void put(String profile, String key) {
        store().put(profile, key);
    }

    @Override
    public Optional<String> get(String profile) {
        return store().get(profile);
    }

    @Override
    public void delete(String profile) {
        store().delete(profile);
    }

    @Override
    public String describe() {
        return store().describe();
    }
}
