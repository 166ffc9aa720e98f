package io.signalbox.app.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the app shows US dollars: cents from $1 up; below, four decimals, or up to six for tiny amounts. */
public final class Money {
    private Money() {
    }

    public static String format(BigDecimal d) {
        BigDecimal a = d.abs();
        if (a.compareTo(BigDecimal.ONE) >= 0 || a.signum() == 0) {
            return "$" + d.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        int scale = Math.max(4, d.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().scale());
        return "$" + d.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
