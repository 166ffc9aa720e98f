package io.signalbox.profile;

import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The bundled provider presets ({@code presets.json} on the class path). */
public final class Presets {
    private record PresetsFile(Integer schemaVersion, String checked, List<Preset> presets) {
    }

    private static final List<Preset> ALL = load();

    private Presets() {
    }

    private static List<Preset> load() {
        try (InputStream in = Presets.class.getResourceAsStream("presets.json")) {
            if (in == null) {
                throw new IllegalStateException("presets.json missing from the class path");
            }
            return List.copyOf(Json.MAPPER.readValue(in, PresetsFile.class).presets());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Preset> all() {
        return ALL;
    }

    public static Optional<Preset> find(String id) {
        return ALL.stream().filter(p -> p.id().equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }

    public static Preset get(String id) {
        return find(id).orElseThrow(() -> new SignalboxException("no preset named '" + id + "'",
                "pick one of: " + ALL.stream().map(Preset::id).collect(Collectors.joining(", "))
                        + " (signalbox presets)"));
    }
}
