package io.signalbox.forward;

import io.signalbox.common.Json;
import io.signalbox.profile.ModelFamily;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import io.signalbox.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/models} in Anthropic list format for Claude Code's gateway model discovery. It
 * ignores ids that do not start with {@code claude}, so each mapped model is listed under a
 * {@code claude-…} alias that {@link ModelMap#resolve} maps back; the display name names the real model.
 */
final class ModelsList {
    static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private ModelsList() {
    }

    /** The alias listed for a family slot, e.g. {@code claude-opus-via-signalbox}. */
    static String alias(ModelFamily f) {
        return switch (f) {
            case SUBAGENT -> ModelMap.SUBAGENT_ALIAS;
            case DEFAULT -> ModelMap.DEFAULT_ALIAS;
            default -> "claude-" + f.id() + "-via-signalbox";
        };
    }

    static byte[] anthropic(Profile p) {
        List<Map<String, Object>> data = new ArrayList<>();
        ModelMap m = p.models();
        for (ModelFamily f : ModelFamily.values()) {
            m.family(f).ifPresent(real -> data.add(entry(alias(f), real + " (" + p.name() + ", " + f.id() + ")")));
        }
        for (ModelRule r : m.rules()) {
            String id = r.match().toLowerCase(Locale.ROOT);
            if (!r.isGlob() && (id.startsWith("claude") || id.startsWith("anthropic"))) {
                data.add(entry(r.match(), r.model() + " (" + p.name() + ")"));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        root.put("has_more", false);
        root.put("first_id", data.isEmpty() ? null : data.getFirst().get("id"));
        root.put("last_id", data.isEmpty() ? null : data.getLast().get("id"));
        return Json.MAPPER.writer().withoutFeatures(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(root);
    }

    private static Map<String, Object> entry(String id, String displayName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "model");
        e.put("id", id);
        e.put("display_name", displayName);
        e.put("created_at", CREATED_AT);
        return e;
    }
}
