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
}
