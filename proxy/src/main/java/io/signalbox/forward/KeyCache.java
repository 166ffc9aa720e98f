package io.signalbox.forward;

import io.signalbox.profile.Profile;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider keys held in memory for a few seconds, so a request does not cost a keychain call (a
 * D-Bus round trip) or a read of the secrets file. An entry belongs to the {@link Profile} object
 * it was read for: when profiles.json or settings.json change, the next request sees new Profile
 * objects and reads the key again. {@link #forget} drops an entry (after a 401/403, so a key fixed
 * in another process is picked up on the retry). Keys are never written anywhere and never appear
 * in {@code toString}.
 */
final class KeyCache {
    private static final class Entry {
        final Profile profile;
        final Optional<String> key;
        final long expires;

        Entry(Profile profile, Optional<String> key, long expires) {
            this.profile = profile;
            this.key = key;
            this.expires = expires;
        }

        @Override
        public String toString() {
            return "KeyCache.Entry[" + profile.name() + "]";
        }
    }

    private final ProviderKeys source;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    KeyCache(ProviderKeys source, Duration ttl) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
    }

    Optional<String> forProfile(Profile profile) {
        long now = System.nanoTime();
        Entry e = entries.get(profile.name());
        if (e != null && e.profile == profile && now - e.expires < 0) {
            return e.key;
        }
        Optional<String> key = source.forProfile(profile.name());
        entries.put(profile.name(), new Entry(profile, key, now + ttlNanos));
        return key;
    }

    void forget(String profileName) {
        entries.remove(profileName);
    }

    @Override
    public String toString() {
        return "KeyCache[" + entries.size() + " entries]";
    }
}
