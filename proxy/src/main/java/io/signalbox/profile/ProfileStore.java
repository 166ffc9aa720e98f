package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.Backups;
import io.signalbox.common.Json;
import io.signalbox.common.LockedFile;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;

/**
 * {@code $SIGNALBOX_HOME/profiles.json}: the profiles, in the order the user made them, with a
 * schema version. Every change is a locked read-modify-write, written atomically after a rolling
 * backup. A file that cannot be read is reported with path, line and column and never overwritten.
 */
public final class ProfileStore {
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "profiles.json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProfilesFile(Integer schemaVersion, List<Profile> profiles) {
        public ProfilesFile {
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }
    }

    private final Path file;
    private final Backups backups;

    public ProfileStore(Path signalboxHome, Backups backups) {
        this.file = signalboxHome.resolve(FILE_NAME);
        this.backups = backups;
    }

    public Path file() {
        return file;
    }

    /** All profiles, in order. An absent file is an empty list. */
    public List<Profile> list() {
        return read().profiles();
    }

    public Optional<Profile> find(String name) {
        return list().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The profile called {@code name}, or an error listing the names there are. */
    public Profile get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    public SignalboxException notFound(String name) {
        List<String> names = list().stream().map(Profile::name).toList();
        return new SignalboxException("no profile named '" + name + "'",
                names.isEmpty() ? "create one first: signalbox profile add NAME --preset PRESET (see: signalbox presets)"
                        : "pick one of: " + String.join(", ", names) + " (signalbox profile list)");
    }

    public void add(Profile p) {
        p.validate();
        update(profiles -> {
            if (profiles.stream().anyMatch(q -> q.name().equalsIgnoreCase(p.name()))) {
                throw new SignalboxException("a profile named '" + p.name() + "' already exists",
                        "pick another name, or change it with: signalbox profile edit " + p.name());
            }
            List<Profile> out = new ArrayList<>(profiles);
            out.add(p);
            requireFallbacks(out, p);
            return out;
        });
    }

    /** Replaces the profile called {@code name} (which may be renamed) by {@code edit}'s result. */
    public Profile edit(String name, UnaryOperator<Profile> edit) {
        Profile[] result = new Profile[1];
        update(profiles -> {
            List<Profile> out = new ArrayList<>(profiles);
            int idx = indexOf(out, name);
            if (idx < 0) {
                throw notFound(name);
            }
            Profile changed = edit.apply(out.get(idx)).validate();
            for (int i = 0; i < out.size(); i++) {
                if (i != idx && out.get(i).name().equalsIgnoreCase(changed.name())) {
                    throw new SignalboxException("a profile named '" + changed.name() + "' already exists",
                            "pick another name");
                }
            }
            String before = out.get(idx).name();
            out.set(idx, changed);
            requireFallbacks(out, changed);
            if (!before.equals(changed.name())) {
                renameFallback(out, before, changed.name());
            }
            result[0] = changed;
            return out;
        });
        return result[0];
    }

    public Profile remove(String name) {
        Profile[] removed = new Profile[1];
        update(profiles -> {
            List<Profile> out = new ArrayList<>(profiles);
            int idx = indexOf(out, name);
            if (idx < 0) {
                throw notFound(name);
            }
            removed[0] = out.remove(idx);
            renameFallback(out, removed[0].name(), null);
            return out;
        });
        return removed[0];
    }

    /** Each fallback {@code p} names is a profile in {@code all}. */
    private static void requireFallbacks(List<Profile> all, Profile p) {
        for (String f : p.fallbacks()) {
            if (indexOf(all, f) < 0) {
                throw new SignalboxException("profile '" + p.name() + "': fallback '" + f + "' is not a profile",
                        "create it first (signalbox profile add " + f + " --preset PRESET), or name one of: "
                                + String.join(", ", all.stream().map(Profile::name)
                                        .filter(n -> !n.equalsIgnoreCase(p.name())).toList()));
            }
        }
    }

    /** Every other profile's fallback {@code from} becomes {@code to}, or goes when {@code to} is null. */
    private static void renameFallback(List<Profile> out, String from, String to) {
        for (int i = 0; i < out.size(); i++) {
            Profile q = out.get(i);
            if (q.fallbacks().stream().anyMatch(f -> f.equalsIgnoreCase(from))) {
                out.set(i, q.withFallbacks(q.fallbacks().stream().map(f -> f.equalsIgnoreCase(from) ? to : f)
                        .filter(java.util.Objects::nonNull).toList()));
            }
        }
    }

    private static int indexOf(List<Profile> ps, String name) {
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A locked read-modify-write of the whole list. */
    public void update(UnaryOperator<List<Profile>> change) {
        try {
            LockedFile.withLock(file, () -> {
                ProfilesFile current = read();
                List<Profile> next = change.apply(current.profiles());
                write(new ProfilesFile(SCHEMA_VERSION, next));
                return null;
            });
        } catch (IOException e) {
            throw new SignalboxException("cannot write " + file + ": " + SignalboxException.why(e),
                    "check that the directory is writable and the disk is not full", e);
        }
    }

    private ProfilesFile read() {
        if (!Files.exists(file)) {
            return new ProfilesFile(SCHEMA_VERSION, List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e),
                    "check the file's permissions", e);
        }
        ProfilesFile pf;
        try {
            pf = Json.MAPPER.readValue(bytes, ProfilesFile.class);
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "profiles JSON");
        }
        if (pf == null) {
            throw new SignalboxException(file + ":1:1: the file is empty or 'null'",
                    "restore it from " + backups.dir() + " or delete it to start with no profiles");
        }
        if (pf.schemaVersion() != null && pf.schemaVersion() > SCHEMA_VERSION) {
            throw new SignalboxException(file + " was written by a newer Signalbox (schema "
                    + pf.schemaVersion() + ", this one reads up to " + SCHEMA_VERSION + ")",
                    "upgrade Signalbox; the file is left unchanged");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Profile p : pf.profiles()) {
            if (p != null && p.name() != null && !seen.add(p.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new SignalboxException(file + " holds two profiles named '" + p.name() + "' (names are"
                        + " case-insensitive)", "remove or rename one of them by hand; Signalbox has left the file"
                        + " unchanged");
            }
        }
        return pf;
    }

    private void write(ProfilesFile pf) throws IOException {
        backups.backup(FILE_NAME, file);
        Json.writeFile(file, pf);
    }
}
