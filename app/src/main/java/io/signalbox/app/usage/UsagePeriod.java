package io.signalbox.app.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The periods the usage screen offers, each ending now. */
public enum UsagePeriod {
    TODAY("Today", 0),
    LAST_7_DAYS("Last 7 days", 6),
    LAST_30_DAYS("Last 30 days", 29),
    LAST_365_DAYS("Last 365 days", 364);

    private final String label;
    private final int daysBack;

    UsagePeriod(String label, int daysBack) {
        this.label = label;
        this.daysBack = daysBack;
    }

    /** The period's first day; it starts at midnight of that day in {@code zone}. */
    public LocalDate firstDay(Clock clock, ZoneId zone) {
        return LocalDate.now(clock.withZone(zone)).minusDays(daysBack);
    }

    @Override
    public String toString() {
        return label;
    }
}
