package io.signalbox.cli;

import io.signalbox.common.SignalboxException;
import io.signalbox.profile.Budget;
import io.signalbox.profile.ModelPrice;
import io.signalbox.profile.Profile;
import io.signalbox.profile.UsagePolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code profile edit} options for costs and budgets: --price, --cost-multiplier, --budget, --soft-budget. */
final class UsageOptions {
    @Option(names = "--price", paramLabel = "MODEL=PRICES",
            description = "Price override in USD per million tokens, e.g. deepseek-chat=" + ModelPrice.EXAMPLE
                    + " (also cache-write-1h:N). Repeatable.")
    List<String> prices = new ArrayList<>();

    @Option(names = "--unset-price", paramLabel = "MODEL", description = "Remove a price override. Repeatable.")
    List<String> unsetPrices = new ArrayList<>();

    @Option(names = "--cost-multiplier", paramLabel = "N",
            description = "Multiply every cost of this profile (e.g. 1.05 for a 5 %% fee; 1 to remove).")
    String multiplier;

    @Option(names = "--budget", paramLabel = "PERIOD=LIMIT",
            description = "daily=5usd, monthly=2000000tokens, ... (replaces the budget of the same period and unit;"
                    + " a limit of 0 removes it). At 80 %% a warning, at 100 %% requests are refused. Repeatable.")
    List<String> budgets = new ArrayList<>();

    @Option(names = "--soft-budget", negatable = true,
            description = "Over a budget, let requests through with a warning (--no-soft-budget: refuse them).")
    Boolean softBudget;

    Profile apply(Profile p) {
        UsagePolicy u = p.usageOrNone();
        for (String s : prices) {
            String[] kv = ProfileCommand.splitPair(s, "--price", "MODEL=PRICES", "MODEL=" + ModelPrice.EXAMPLE);
            u = u.withPrice(kv[0], Cli.option(() -> ModelPrice.parse(kv[1], "--price " + kv[0])));
        }
        for (String m : unsetPrices) {
            if (u.prices().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(m))) {
                throw new SignalboxException("the profile has no price override for '" + m + "'",
                        "see its overrides with: signalbox profile show " + p.name());
            }
            String key = u.prices().keySet().stream().filter(k -> k.equalsIgnoreCase(m)).findFirst().orElseThrow();
            u = u.withPrice(key, null);
        }
        if (multiplier != null) {
            BigDecimal m;
            try {
                m = new BigDecimal(multiplier.trim());
            } catch (NumberFormatException e) {
                m = BigDecimal.ZERO;
            }
            if (m.signum() <= 0) {
                throw new Cli.InvalidOption(new SignalboxException("--cost-multiplier '" + multiplier
                        + "' is not a positive number", "write e.g. --cost-multiplier 1.05"));
            }
            u = u.withMultiplier(m.compareTo(BigDecimal.ONE) == 0 ? null : m);
        }
        for (String s : budgets) {
            Budget b = Cli.option(() -> Budget.parse(s));
            if (b.limit().signum() == 0) {
                List<Budget> keep = new ArrayList<>(u.budgets());
                keep.removeIf(x -> x.period() == b.period() && x.unit() == b.unit());
                u = new UsagePolicy(u.prices(), u.multiplier(), keep, u.softBudget());
            } else {
                u = u.withBudget(b);
            }
        }
        if (softBudget != null) {
            u = u.withSoftBudget(softBudget ? Boolean.TRUE : null);
        }
        return p.withUsage(u);
    }
}
