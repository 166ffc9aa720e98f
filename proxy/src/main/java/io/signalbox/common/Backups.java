package io.signalbox.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rolling backups under {@code SIGNALBOX_HOME/backups/}: each write of a file first copies the
 * current bytes to {@code <label>.<timestamp>.bak}, keeping the newest {@code keep} of them, and
 * the very first copy ever taken is also kept for good as {@code <label>.original}.
 */
public final class Backups {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;
    private final Clock clock;

    public Backups(Path dir, int keep, Clock clock) {
        this.dir = dir;
        this.keep = keep;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** The pristine copy of a file as it was before Signalbox first touched it. */
    public Path originalOf(String label) {
        return dir.resolve(label + ".original");
    }

    /**
     * Backs up {@code source} if it exists. Returns the backup path, or null if there was nothing
     * to back up.
     */
    public Path backup(String label, Path source) throws IOException {
        if (!Files.exists(source)) {
            return null;
        }
        AtomicFiles.ensurePrivateDir(dir);
        byte[] bytes = Files.readAllBytes(source);
        Path original = originalOf(label);
        if (!Files.exists(original)) {
            AtomicFiles.write(original, bytes, AtomicFiles.OWNER_ONLY);
        }
        String base = label + "." + STAMP.format(clock.instant());
        Path target = dir.resolve(base + ".bak");
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolve(base + "-" + i + ".bak");
        }
        AtomicFiles.write(target, bytes, AtomicFiles.OWNER_ONLY);
        prune(label);
        return target;
    }

    /**
     * Replaces {@code secret} with a placeholder in every rolling backup (a direct-mode {@code use}
     * put the provider's key into the client file, so its later backups hold it too). The copies of the
     * user's own files from before Signalbox ({@code .original}, the pristine copy) are left as they
     * are: they hold only what the user had. Returns how many backups held it.
     */
    public int redact(String secret) throws IOException {
        if (secret == null || secret.length() < 8 || !Files.isDirectory(dir)) {
            return 0;
        }
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".bak")).toList()) {
                String text = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
                String key = new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains(key)) {
                    AtomicFiles.write(p, text.replace(key, "REMOVED-BY-SIGNALBOX")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), AtomicFiles.OWNER_ONLY);
                    n++;
                }
            }
        }
        return n;
    }

    /** The rolling backups of {@code label}, oldest first. */
    public List<Path> list(String label) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(label + ".") && n.endsWith(".bak");
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList());
            return out;
        }
    }

    private void prune(String label) throws IOException {
        List<Path> all = list(label);
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
