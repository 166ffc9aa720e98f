package io.signalbox.forward;

import java.util.Optional;

/** Where the forwarder gets a profile's provider key (the secret store, in the engine). */
@FunctionalInterface
public interface ProviderKeys {
    Optional<String> forProfile(String profileName);
}
