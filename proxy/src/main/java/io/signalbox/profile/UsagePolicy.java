package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile's cost settings: price overrides per model (USD per million tokens), a multiplier
 * applied to every cost (e.g. 1.1 for a reseller's 10 % fee) and budgets. All optional.
 *
 * @param softBudget true: over a budget, requests still pass (with a warning)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UsagePolicy(Map<String, ModelPrice> prices, BigDecimal multiplier, List<Budget> budgets,
        Boolean softBudget) {
    public static final UsagePolicy NONE = new UsagePolicy(null, null, null, null);

    public UsagePolicy {
        prices = prices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(prices));
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }

    public BigDecimal multiplierOrOne() {
        return multiplier == null ? BigDecimal.ONE : multiplier;
    }

    public boolean soft() {
        return softBudget != null && softBudget;
    }

    public boolean isEmpty() {
        return prices.isEmpty() && multiplier == null && budgets.isEmpty() && softBudget == null;
    }

    public UsagePolicy withPrice(String model, ModelPrice p) {
        Map<String, ModelPrice> m = new LinkedHashMap<>(prices);
        if (p == null) {
            m.remove(model);
        } else {
            m.put(model, p);
        }
        return new UsagePolicy(m, multiplier, budgets, softBudget);
    }

    /** Sets (replaces) the budget for the same period and unit. */
    public UsagePolicy withBudget(Budget b) {
        List<Budget> l = new ArrayList<>(budgets);
        l.removeIf(x -> x.period() == b.period() && x.unit() == b.unit());
        l.add(b);
        return new UsagePolicy(prices, multiplier, l, softBudget);
    }

    public UsagePolicy withoutBudgets() {
        return new UsagePolicy(prices, multiplier, null, softBudget);
    }

    public UsagePolicy withMultiplier(BigDecimal m) {
        return new UsagePolicy(prices, m, budgets, softBudget);
    }

    public UsagePolicy withSoftBudget(Boolean s) {
        return new UsagePolicy(prices, multiplier, budgets, s);
    }
}
