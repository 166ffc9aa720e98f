package io.signalbox.app.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the app shows US dollars: cents from $1 up, four decimals below, six for tiny amounts. */
public final class Money {
    private Money() {
    }

    public static String format(BigDecimal d) {
        BigDecimal a = d.abs();
        int scale = a.compareTo(BigDecimal.ONE) >= 0 || a.signum() == 0 ? 2
                : a.compareTo(new BigDecimal("0.01")) >= 0 ? 4 : 6;
        return "$" + d.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
