package io.signalbox.route;

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
 * each call costs two {@code stat}s, and the files are re-read only when one changed (identity,
 * modification time or size). A request keeps the {@link Snapshot} it started with.
 */
public final class ActiveProfiles {

    /** An immutable view of both files. */
    public record Snapshot(String activeProfile, List<Profile> profiles) {
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

    private record Cached(Stamp settings, Stamp profiles, Snapshot snapshot) {
    }

    private final SettingsStore settings;
    private final ProfileStore profiles;
    private volatile Cached cached;

    public ActiveProfiles(SettingsStore settings, ProfileStore profiles) {
        this.settings = settings;
        this.profiles = profiles;
    }

    /** The current state; re-reads the files only when they changed since the last call. */
    public Snapshot current() {
        Stamp s = Stamp.of(settings.file());
        Stamp p = Stamp.of(profiles.file());
        Cached c = cached;
        if (c != null && c.settings.equals(s) && c.profiles.equals(p)) {
            return c.snapshot;
        }
        Settings st = settings.stored();
        Snapshot snap = new Snapshot(st.activeProfile(), profiles.list());
        cached = new Cached(s, p, snap);
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
            return snap.find(named).orElseThrow(() -> Rejection.notFound("Signalbox has no profile named '" + named
                    + "'; use one of: " + names(snap) + " (signalbox profile list)"));
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
