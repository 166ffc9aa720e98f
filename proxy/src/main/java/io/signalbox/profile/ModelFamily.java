package io.signalbox.profile;

import java.util.Locale;
import java.util.Optional;

/**
 * The Claude Code model slots a profile maps. Claude Code's own model names change with every
 * release, so a requested model is put in a family by the word it contains, never by a list.
 */
public enum ModelFamily {
    OPUS, SONNET, HAIKU, SUBAGENT, DEFAULT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModelFamily> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (ModelFamily f : values()) {
            if (f.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The family of a requested model name (opus, sonnet or haiku), if any. */
    public static Optional<ModelFamily> of(String requestedModel) {
        if (requestedModel == null) {
            return Optional.empty();
        }
        String m = requestedModel.toLowerCase(Locale.ROOT);
        if (m.contains("opus")) {
            return Optional.of(OPUS);
        }
        if (m.contains("sonnet")) {
            return Optional.of(SONNET);
        }
        if (m.contains("haiku")) {
            return Optional.of(HAIKU);
        }
        return Optional.empty();
    }
}
