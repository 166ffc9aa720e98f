package io.signalbox.app.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.profile.Budget;
import io.signalbox.usage.BudgetEvent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A budget notification says what happened, what it means for requests, and how to fix it. */
class BudgetNoticeTest {
    @Test
    void aSoftMonthlyTokenBudgetUsedUpNamesTheMonthlyFieldAndTheRaiseCommandOnly() {
        BudgetEvent e = new BudgetEvent("lab", Budget.parse("monthly=2000000tokens"), BudgetEvent.Level.EXCEEDED,
                new BigDecimal("2100000"), true, "profile 'lab' has used 2100000 tokens of its monthly budget of"
                        + " 2000000 tokens (soft budget: requests still pass)");
        assertEquals("profile 'lab' has used 2100000 tokens of its monthly budget of 2000000 tokens (soft budget:"
                + " requests still pass). To fix: raise \u201cBudget per month\u201d of lab under Profiles and Save,"
                + " or run: signalbox profile edit lab --budget monthly=4000000tokens", BudgetNotice.text(e));
    }

    @Test
    void aHardDailyBudgetUsedUpSaysRequestsAreRefusedUntilTomorrowAndOffersTheSoftSwitch() {
        BudgetEvent e = new BudgetEvent("work", Budget.parse("daily=5usd"), BudgetEvent.Level.EXCEEDED,
                new BigDecimal("5.02"), false, "profile 'work' has used 5.02 USD of its daily budget of 5 USD"
                        + " (requests are refused)");
        assertEquals("profile 'work' has used 5.02 USD of its daily budget of 5 USD (requests are refused). Its"
                + " requests are refused (402) until tomorrow. To fix: raise \u201cBudget per day\u201d of work under"
                + " Profiles and Save (or tick \u201csoft (warn only)\u201d), or run: signalbox profile edit work"
                + " --budget daily=10usd (or --soft-budget)", BudgetNotice.text(e));
    }
}
