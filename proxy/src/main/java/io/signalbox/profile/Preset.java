package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A provider template from the bundled {@code presets.json}, with the documentation page it came from.
 * {@code contextWindow}: the smallest context window (tokens) of the models it maps Claude Code's
 * names to, where the provider documents one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preset(
        String id,
        String displayName,
        String baseUrl,
        ApiFormat format,
        AuthStyle auth,
        ModelMap models,
        Boolean keyRequired,
        String docs,
        String notes,
        Integer contextWindow) {

    public boolean needsKey() {
        return keyRequired == null || keyRequired;
    }

    /** A new profile called {@code name} with this preset's settings. */
    public Profile toProfile(String name) {
        return new Profile(name, baseUrl, format, auth, models, null, null, id,
                keyRequired == null || keyRequired ? null : Boolean.FALSE, null, contextWindow);
    }
}
