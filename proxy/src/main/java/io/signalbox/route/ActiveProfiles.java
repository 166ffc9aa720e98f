package io.signalbox.route;

import io.signalbox.common.AtomicFiles;
import io.signalbox.config.Settings;
import io.signalbox.config.SettingsStore;
import io.signalbox.profile.Profile;
import io.signalbox.profile.ProfileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The profiles and the active one, as the files say right now. Another process ({@code signalbox
 * use}, the desktop app) may rewrite {@code settings.json} or {@code profiles.json} at any time:
 * a call looks at both files ({@code stat}, identity, modification time and size) and re-reads
 * them only when one changed. Under load the look is taken at most once per
 * {@link #RECHECK_NANOS} (two {@code stat}s per request were ~4 % of the proxy's CPU): a write by
 * another process is seen by the first request that starts more than that after the write, a write
 * by this process (the desktop app, in-process switching) by the very next request. A request
 * keeps the {@link Snapshot} it started with.
 */
public final class ActiveProfiles {

    /** An immutable view of both files. */
    /**
     * @param failoverCooldown how long a profile whose provider could not take a request is passed over
     *                         (settings.json's {@code failoverCooldownSeconds})
     */
    public record Snapshot(String activeProfile, List<Profile> profiles, java.time.Duration failoverCooldown) {
        public Snapshot(String activeProfile, List<Profile> profiles) {
            this(activeProfile, profiles, java.time.Duration.ofSeconds(Settings.DEFAULT_FAILOVER_COOLDOWN_SECONDS));
        }

        public Optional<Profile> find(String name) {
            for (Profile p : profiles) {
                if (p.name().equalsIgnoreCase(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    private record Stamp(Object key, FileTime modified, long size) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
            } catch (NoSuchFileException e) {
                return new Stamp(null, null, -1);
            } catch (IOException e) {
                return new Stamp(null, null, -2);
            }
        }
    }

    private record Cached(Stamp settings, Stamp profiles, Snapshot snapshot, long checkedNanos, long writes) {
    }

    /** How long a look at the files stays good: 1 ms, far below any other process's write-to-request time. */
    static final long RECHECK_NANOS = 1_000_000L;

    private final SettingsStore settings;
    private final ProfileStore profiles;
    private volatile Cached cached;

    private final long recheckNanos;

    public ActiveProfiles(SettingsStore settings, ProfileStore profiles) {
        this(settings, profiles, RECHECK_NANOS);
    }

    ActiveProfiles(SettingsStore settings, ProfileStore profiles, long recheckNanos) {
        this.settings = settings;
        this.profiles = profiles;
        this.recheckNanos = recheckNanos;
    }

    /** The current state; re-reads the files only when they changed since the last call. */
    public Snapshot current() {
        long now = System.nanoTime();
        long writes = AtomicFiles.writes();
        Cached c = cached;
        if (c != null && now - c.checkedNanos < recheckNanos && c.writes == writes) {
            return c.snapshot;
        }
        Stamp s = Stamp.of(settings.file());
        Stamp p = Stamp.of(profiles.file());
        if (c != null && c.settings.equals(s) && c.profiles.equals(p)) {
            cached = new Cached(s, p, c.snapshot, now, writes);
            return c.snapshot;
        }
        Settings st = settings.stored();
        Snapshot snap = new Snapshot(st.activeProfile(), profiles.list(),
                java.time.Duration.ofSeconds(st.failoverCooldownOrDefault()));
        cached = new Cached(s, p, snap, now, writes);
        return snap;
    }

    /**
     * The state as of the last {@link #current()} call, without looking at the files again (for
     * lookups right after a request took its snapshot, e.g. pricing its usage); reads them when
     * nothing was read yet.
     */
    public Snapshot lastKnown() {
        Cached c = cached;
        return c != null ? c.snapshot : current();
    }

    /**
     * The profile a request goes to: {@code named} when given (per-profile routes), else the
     * active one.
     *
     * @throws Rejection naming the fix when there is no such profile or none is active
     */
    public Profile resolve(Snapshot snap, String named) {
        if (named != null) {
            return snap.find(named).orElseThrow(() -> Rejection.notFound("Signalbox has no profile named '"
                    + io.signalbox.common.Printable.of(named) + "'; use one of: " + names(snap) + " (signalbox profile list)"));
        }
        String active = snap.activeProfile();
        if (active == null) {
            throw Rejection.api(503, "no Signalbox profile is active; choose one with: signalbox use NAME"
                    + (snap.profiles().isEmpty() ? " (create one first: signalbox profile add NAME --preset PRESET)"
                            : " (profiles: " + names(snap) + ")"));
        }
        return snap.find(active).orElseThrow(() -> Rejection.api(503, "the active profile '" + active
                + "' no longer exists; choose another with: signalbox use NAME (profiles: " + names(snap) + ")"));
    }

    private static String names(Snapshot snap) {
        return snap.profiles().isEmpty() ? "(none)"
                : String.join(", ", snap.profiles().stream().map(Profile::name).filter(Objects::nonNull).toList());
    }
}
