package io.signalbox.secret;

import java.util.Optional;

/**
 * Where provider keys live, one entry per profile. Implementations never log, print or put a key
 * in an exception message.
 */
public interface SecretStore {
    /** Service name for every Signalbox entry in the OS keychain. */
    String SERVICE = "signalbox";

    void put(String profile, String key);

    Optional<String> get(String profile);

    /** Removes the entry; no error when there is none. */
    void delete(String profile);

    default boolean has(String profile) {
        return get(profile).isPresent();
    }

    /** Renames an entry (profile renamed). */
    default void rename(String from, String to) {
        Optional<String> k = get(from);
        if (k.isPresent()) {
            put(to, k.get());
            delete(from);
        }
    }

    /** A short description for status output, e.g. "OS keychain (GNOME_KEYRING)". */
    String describe();
}
