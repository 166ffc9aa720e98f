package io.signalbox.usage;

import io.signalbox.profile.Budget;
import java.math.BigDecimal;

/**
 * A profile reached 80 % ({@link Level#WARNING}) or 100 % ({@link Level#EXCEEDED}) of a budget.
 * Sent once per profile, budget, level and day/month.
 *
 * @param used   spent so far in the budget's period, in the budget's unit
 * @param soft   true when requests still pass over the budget
 */
public record BudgetEvent(String profile, Budget budget, Level level, BigDecimal used, boolean soft, String message) {
    public enum Level { WARNING, EXCEEDED }

    /**
     * The command that raises the budget to at least twice its limit and above what is used (the
     * one a refused request's message suggests), e.g. {@code signalbox profile edit work --budget daily=0.02usd}.
     */
    public String raiseCommand() {
        return Budgets.raiseCommand(profile, budget, used);
    }
}
