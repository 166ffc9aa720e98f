package io.signalbox.usage;

import io.signalbox.common.Json;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The bundled price table ({@code prices.json} beside this class): USD per million tokens per
 * model, with long-context tiers, each entry naming the page it was taken from and when.
 */
public final class PriceTable {
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");

    /** A price tier: applies when a request's prompt tokens exceed {@code above}. */
    public record Tier(long above, ModelPrice price) {
    }

    /**
     * One model's prices.
     *
     * @param presets the presets whose profiles this entry applies to (empty: all)
     */
    public record Entry(String id, List<String> aliases, ModelPrice base, List<Tier> tiers, List<String> presets,
            String source, String checked) {

        /** The price for a request with {@code promptTokens} (input + cache reads + cache writes). */
        public ModelPrice priceFor(long promptTokens) {
            ModelPrice p = base;
            for (Tier t : tiers) {
                if (promptTokens > t.above()) {
                    p = t.price();
                }
            }
            return p;
        }
    }

    private final List<Entry> entries;
    private final Map<String, List<Entry>> byName = new HashMap<>();

    public PriceTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byName.computeIfAbsent(key(e.id()), k -> new ArrayList<>()).add(e);
            for (String a : e.aliases()) {
                byName.computeIfAbsent(key(a), k -> new ArrayList<>()).add(e);
            }
        }
    }

    private static volatile PriceTable bundled;

    /** The table shipped with Signalbox. */
    public static PriceTable bundled() {
        PriceTable t = bundled;
        if (t == null) {
            try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
                if (in == null) {
                    throw new SignalboxException("the bundled price table is missing", "reinstall Signalbox");
                }
                t = parse(Json.MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = t;
        }
        return t;
    }

    static PriceTable parse(JsonNode root) {
        List<Entry> list = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            List<String> aliases = new ArrayList<>();
            m.path("aliases").forEach(a -> aliases.add(a.asString()));
            List<String> presets = new ArrayList<>();
            m.path("presets").forEach(a -> presets.add(a.asString()));
            List<Tier> tiers = new ArrayList<>();
            m.path("tiers").forEach(t -> tiers.add(new Tier(t.path("above").asLong(), price(t))));
            list.add(new Entry(m.path("id").asString(), aliases, price(m), tiers, presets,
                    m.path("source").asString(null), m.path("checked").asString(null)));
        }
        return new PriceTable(list);
    }

    private static ModelPrice price(JsonNode n) {
        return new ModelPrice(dec(n, "input"), dec(n, "output"), dec(n, "cacheRead"), dec(n, "cacheWrite"),
                dec(n, "cacheWrite1h"));
    }

    private static BigDecimal dec(JsonNode n, String f) {
        JsonNode v = n.path(f);
        // through the text, so 0.3 stays exactly 0.3 (never a binary double)
        return v.isNumber() || v.isString() ? new BigDecimal(v.isString() ? v.asString() : v.numberValue().toString())
                : null;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry for {@code model} as a profile made from {@code preset} uses it: an exact id or
     * alias first; then without a {@code vendor/} prefix, with dots as dashes, without a date suffix.
     */
    public Optional<Entry> find(String model, String preset) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        for (String candidate : candidates(model)) {
            List<Entry> found = byName.get(candidate);
            if (found != null) {
                for (Entry e : found) {
                    if (e.presets().isEmpty() || (preset != null && e.presets().contains(preset))) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String model) {
        List<String> c = new ArrayList<>();
        String m = key(model);
        c.add(m);
        int slash = m.lastIndexOf('/');
        String bare = slash >= 0 ? m.substring(slash + 1) : m;
        bare = DATE_SUFFIX.matcher(bare).replaceFirst("");
        c.add(bare);
        c.add(bare.replace('.', '-'));
        return c;
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
