package io.signalbox.app.usage;

import io.signalbox.profile.Budget;
import io.signalbox.usage.BudgetEvent;

/** The text of a budget notification: the engine's message, what it means for requests, and the fix. */
public final class BudgetNotice {
    private BudgetNotice() {
    }

    public static String text(BudgetEvent e) {
        boolean daily = e.budget().period() == Budget.Period.DAILY;
        boolean refused = e.level() == BudgetEvent.Level.EXCEEDED && !e.soft();
        StringBuilder b = new StringBuilder(e.message()).append('.');
        if (refused) {
            b.append(" Its requests are refused (402) until ").append(daily ? "tomorrow" : "next month").append('.');
        }
        b.append(e.level() == BudgetEvent.Level.EXCEEDED ? " To fix: " : " If that is too low: ")
                .append("raise \u201cBudget ").append(daily ? "per day" : "per month").append("\u201d of ")
                .append(e.profile()).append(" under Profiles and Save");
        if (!e.soft()) {
            b.append(" (or tick \u201csoft (warn only)\u201d)");
        }
        b.append(", or run: ").append(e.raiseCommand());
        if (!e.soft()) {
            b.append(" (or --soft-budget)");
        }
        return b.toString();
    }
}
