package io.signalbox.preflight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.Json;
import io.signalbox.common.LockedFile;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * {@code $SIGNALBOX_HOME/preflight.json}: each profile's last preflight report, so {@code profile
 * list} and the app can show its status. Locked read-modify-write, atomic replace. Reports carry
 * no keys, so the file holds none either.
 */
public final class PreflightResults {
    public static final String FILE_NAME = "preflight.json";
    public static final int SCHEMA_VERSION = 1;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResultsFile(Integer schemaVersion, Map<String, PreflightReport> profiles) {
        ResultsFile {
            profiles = profiles == null ? new TreeMap<>() : new TreeMap<>(profiles);
        }
    }

    private final Path file;

    public PreflightResults(Path signalboxHome) {
        this.file = signalboxHome.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Keeps {@code report} as its profile's last result (replacing the one before). */
    public void save(PreflightReport report) {
        change(next -> {
            next.keySet().removeIf(k -> k.equalsIgnoreCase(report.profile()));
            next.put(report.profile(), report);
        });
    }

    /** Drops a profile's results (the profile was removed or renamed: its old verdict no longer applies). */
    public void forget(String profile) {
        if (Files.exists(file)) {
            change(next -> next.keySet().removeIf(k -> k.equalsIgnoreCase(profile)));
        }
    }

    private void change(java.util.function.Consumer<Map<String, PreflightReport>> edit) {
        try {
            LockedFile.withLock(file, () -> {
                ResultsFile current = read();
                Map<String, PreflightReport> next = new TreeMap<>(current.profiles());
                edit.accept(next);
                Json.writeFile(file, new ResultsFile(SCHEMA_VERSION, next));
                return null;
            });
        } catch (IOException e) {
            throw new SignalboxException("cannot write " + file + ": " + SignalboxException.why(e),
                    "check that the directory is writable and the disk is not full", e);
        }
    }

    /** The last report of {@code profile} (case-insensitive), if it was ever tested. */
    public Optional<PreflightReport> last(String profile) {
        return all().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(profile))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every profile's last report, by profile name. */
    public Map<String, PreflightReport> all() {
        return read().profiles();
    }

    private ResultsFile read() {
        if (!Files.exists(file)) {
            return new ResultsFile(SCHEMA_VERSION, null);
        }
        try {
            ResultsFile f = Json.MAPPER.readValue(Files.readAllBytes(file), ResultsFile.class);
            if (f != null && f.schemaVersion() != null && f.schemaVersion() > SCHEMA_VERSION) {
                throw new SignalboxException(file + " was written by a newer Signalbox (schema " + f.schemaVersion()
                        + ", this one reads up to " + SCHEMA_VERSION + ")", "upgrade Signalbox; the file is left unchanged");
            }
            return f == null ? new ResultsFile(SCHEMA_VERSION, null) : f;
        } catch (JacksonException e) {
            throw Json.malformed(file, e, "preflight results JSON");
        } catch (IOException e) {
            throw new SignalboxException("cannot read " + file + ": " + SignalboxException.why(e), "check the file's permissions", e);
        }
    }

    /** The short form the profile list shows: the last verdict and when. */
    public record LastTest(String testedAt, DiagnosisCode code, String message, String fix) {
        public static LastTest of(PreflightReport r) {
            Diagnosis d = r.diagnosis();
            return new LastTest(r.testedAt(), d.code(), d.message(), d.fix());
        }

        /** e.g. "ok 2026-05-01 12:03Z" or "bad-credential 2026-05-01 12:03Z". */
        public String shortStatus() {
            String when = testedAt == null || testedAt.length() < 16 ? ""
                    : " " + testedAt.substring(0, 10) + " " + testedAt.substring(11, 16) + "Z";
            return code.name().toLowerCase(Locale.ROOT).replace('_', '-') + when;
        }
    }
}
