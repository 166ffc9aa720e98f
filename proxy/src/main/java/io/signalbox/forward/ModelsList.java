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
 * {@code claude-…} name that {@link ModelMap#resolve} maps back: per slot the name {@code use}
 * writes into Claude Code's settings ({@link ModelMap#claudeCodeName}), then the exact-name rules
 * for Claude names. The display name names the real model.
 */
final class ModelsList {
    static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private ModelsList() {
    }

    static byte[] anthropic(Profile p) {
        List<Map<String, Object>> data = new ArrayList<>();
        ModelMap m = p.models();
        for (ModelFamily f : ModelFamily.values()) {
            m.claudeCodeName(f).filter(ModelsList::discoverable).ifPresent(id ->
                    data.add(entry(id, m.family(f).orElseThrow() + " (" + p.name() + ", " + f.id() + ")")));
        }
        for (ModelRule r : m.rules()) {
            if (!r.isGlob() && discoverable(r.match()) && data.stream().noneMatch(e -> r.match().equals(e.get("id")))) {
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

    /** Claude Code's discovery ignores every other id. */
    private static boolean discoverable(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.startsWith("claude") || lower.startsWith("anthropic");
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
