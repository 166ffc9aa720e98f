package io.signalbox.app.profiles;

import io.signalbox.profile.Budget;
import io.signalbox.profile.UsagePolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editor's budget fields: a daily and a monthly limit (blank: none), each in USD or tokens,
 * and the soft flag (warn only). Loaded from and written into the profile's {@link UsagePolicy};
 * price overrides, the cost multiplier and further budgets set on the command line are kept.
 */
public final class BudgetForm {
    final StringProperty daily = new SimpleStringProperty("");
    final ObjectProperty<Budget.Unit> dailyUnit = new SimpleObjectProperty<>(Budget.Unit.USD);
    final StringProperty monthly = new SimpleStringProperty("");
    final ObjectProperty<Budget.Unit> monthlyUnit = new SimpleObjectProperty<>(Budget.Unit.USD);
    final BooleanProperty soft = new SimpleBooleanProperty();
    private UsagePolicy loaded = UsagePolicy.NONE;
    private Budget loadedDaily;
    private Budget loadedMonthly;

    void load(UsagePolicy p) {
        loaded = p;
        loadedDaily = first(p, Budget.Period.DAILY);
        loadedMonthly = first(p, Budget.Period.MONTHLY);
        daily.set(loadedDaily == null ? "" : loadedDaily.limit().toPlainString());
        dailyUnit.set(loadedDaily == null ? Budget.Unit.USD : loadedDaily.unit());
        monthly.set(loadedMonthly == null ? "" : loadedMonthly.limit().toPlainString());
        monthlyUnit.set(loadedMonthly == null ? Budget.Unit.USD : loadedMonthly.unit());
        soft.set(p.soft());
    }

    private static Budget first(UsagePolicy p, Budget.Period period) {
        return p.budgets().stream().filter(b -> b.period() == period).findFirst().orElse(null);
    }

    /** What is wrong with the limit of {@code period}, or null. */
    String error(Budget.Period period) {
        boolean d = period == Budget.Period.DAILY;
        String text = (d ? daily : monthly).get();
        if (text == null || text.isBlank()) {
            return null;
        }
        Budget.Unit unit = (d ? dailyUnit : monthlyUnit).get();
        String name = d ? "Daily budget" : "Monthly budget";
        BigDecimal v;
        try {
            v = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return name + ": '" + text.strip() + "' is not a number; write e.g. "
                    + (unit == Budget.Unit.USD ? "5 or 2.50" : "2000000") + " or leave it empty for none";
        }
        if (v.signum() <= 0) {
            return name + " must be more than 0 (leave it empty for no budget)";
        }
        if (unit == Budget.Unit.TOKENS && v.stripTrailingZeros().scale() > 0) {
            return name + ": tokens are whole numbers";
        }
        return null;
    }

    /** The first problem of either field, or null. */
    String problem() {
        String d = error(Budget.Period.DAILY);
        return d != null ? d : error(Budget.Period.MONTHLY);
    }

    /** The loaded policy with these budgets and soft flag (call when {@link #problem()} is null). */
    UsagePolicy apply() {
        List<Budget> shown = new ArrayList<>();
        add(shown, Budget.Period.DAILY, daily.get(), dailyUnit.get());
        add(shown, Budget.Period.MONTHLY, monthly.get(), monthlyUnit.get());
        List<Budget> budgets = new ArrayList<>(shown);
        for (Budget b : loaded.budgets()) {
            boolean replaced = b.equals(loadedDaily) || b.equals(loadedMonthly)
                    || shown.stream().anyMatch(x -> x.period() == b.period() && x.unit() == b.unit());
            if (!replaced) {
                budgets.add(b);
            }
        }
        return new UsagePolicy(loaded.prices(), loaded.multiplier(), budgets, soft.get() ? Boolean.TRUE : null);
    }

    private static void add(List<Budget> budgets, Budget.Period period, String text, Budget.Unit unit) {
        if (text != null && !text.isBlank()) {
            BigDecimal v = new BigDecimal(text.strip()).stripTrailingZeros();
            budgets.add(new Budget(period, v.scale() < 0 ? v.setScale(0) : v, unit));
        }
    }

    /** How many budgets the profile has beyond the two shown (set with the CLI). */
    int hidden() {
        int n = loaded.budgets().size();
        return n - (loadedDaily == null ? 0 : 1) - (loadedMonthly == null ? 0 : 1);
    }
}
