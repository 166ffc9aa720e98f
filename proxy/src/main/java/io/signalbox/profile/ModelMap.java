package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a profile rewrites the model a client asks for. First match wins: exact-name rules, then
 * glob rules (in the order written), then the Claude Code family (opus, sonnet, haiku — by the
 * word in the name; a suffix such as {@code [1m]} is ignored), then {@code default}. With no match
 * the requested name passes through unchanged.
 *
 * <p>In proxy mode Claude Code is given one Claude-style name per slot, {@link #alias}
 * ({@code claude-signalbox-opus}, …, {@code claude-signalbox-subagent}): {@code use} writes them
 * into its settings and {@code GET /v1/models} lists them, both through {@link #claudeCodeName}.
 * {@code subagent} and {@code default} are reached through their alias only; the family slots also
 * by the word in any name, which keeps the names listed by earlier versions
 * ({@code claude-opus-via-signalbox}, still in Claude Code's discovery cache) working.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMap(
        String opus,
        String sonnet,
        String haiku,
        String subagent,
        @JsonProperty("default") String fallback,
        List<ModelRule> rules) {

    /** Claude-style alias for the subagent slot (it starts with "claude" so Claude Code accepts it). */
    public static final String SUBAGENT_ALIAS = "claude-signalbox-subagent";
    /** Claude-style alias for the default slot. */
    public static final String DEFAULT_ALIAS = "claude-signalbox-default";

    /**
     * The Claude-style name of a slot, e.g. {@code claude-signalbox-opus}; it starts with "claude"
     * so Claude Code's model picker and gateway model discovery accept it.
     */
    public static String alias(ModelFamily f) {
        return "claude-signalbox-" + f.id();
    }

    public static final ModelMap EMPTY = new ModelMap(null, null, null, null, null, List.of());

    public ModelMap {
        opus = blankToNull(opus);
        sonnet = blankToNull(sonnet);
        haiku = blankToNull(haiku);
        subagent = blankToNull(subagent);
        fallback = blankToNull(fallback);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Optional<String> family(ModelFamily f) {
        return Optional.ofNullable(switch (f) {
            case OPUS -> opus;
            case SONNET -> sonnet;
            case HAIKU -> haiku;
            case SUBAGENT -> subagent;
            case DEFAULT -> fallback;
        });
    }

    public ModelMap withFamily(ModelFamily f, String model) {
        return new ModelMap(
                f == ModelFamily.OPUS ? model : opus,
                f == ModelFamily.SONNET ? model : sonnet,
                f == ModelFamily.HAIKU ? model : haiku,
                f == ModelFamily.SUBAGENT ? model : subagent,
                f == ModelFamily.DEFAULT ? model : fallback,
                rules);
    }

    /** Adds or replaces (same pattern) a rule; replaced rules keep their place. */
    public ModelMap withRule(ModelRule rule) {
        List<ModelRule> out = new ArrayList<>(rules);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).match().equalsIgnoreCase(rule.match())) {
                out.set(i, rule);
                return new ModelMap(opus, sonnet, haiku, subagent, fallback, out);
            }
        }
        out.add(rule);
        return new ModelMap(opus, sonnet, haiku, subagent, fallback, out);
    }

    /** Strips a Claude Code context suffix such as {@code [1m]}. */
    public static String stripSuffix(String model) {
        if (model == null) {
            return null;
        }
        int i = model.indexOf('[');
        return i > 0 && model.endsWith("]") ? model.substring(0, i) : model;
    }

    /**
     * The name Claude Code is given for slot {@code f} in proxy mode: its {@link #alias} when that
     * resolves to the slot's model, else the model itself when nothing rewrites it; empty when the
     * slot is unset or a rule catches both names.
     */
    public Optional<String> claudeCodeName(ModelFamily f) {
        return family(f).flatMap(model -> {
            String alias = alias(f);
            if (resolve(alias).equals(model)) {
                return Optional.of(alias);
            }
            return resolve(model).equals(model) ? Optional.of(model) : Optional.empty();
        });
    }

    /** The provider model for {@code requested}; the requested name itself when nothing maps it. */
    public String resolve(String requested) {
        return resolveOptional(requested).orElse(requested);
    }

    public Optional<String> resolveOptional(String requested) {
        if (requested == null) {
            return Optional.ofNullable(fallback);
        }
        String bare = stripSuffix(requested);
        for (ModelRule r : rules) {
            if (!r.isGlob() && (r.matches(requested) || r.matches(bare))) {
                return Optional.of(r.model());
            }
        }
        for (ModelRule r : rules) {
            if (r.isGlob() && (r.matches(requested) || r.matches(bare))) {
                return Optional.of(r.model());
            }
        }
        if (SUBAGENT_ALIAS.equalsIgnoreCase(bare) && subagent != null) {
            return Optional.of(subagent);
        }
        if (DEFAULT_ALIAS.equalsIgnoreCase(bare) && fallback != null) {
            return Optional.of(fallback);
        }
        Optional<String> byFamily = ModelFamily.of(bare).flatMap(this::family);
        if (byFamily.isPresent()) {
            return byFamily;
        }
        return Optional.ofNullable(fallback);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return opus == null && sonnet == null && haiku == null && subagent == null && fallback == null
                && rules.isEmpty();
    }
}
