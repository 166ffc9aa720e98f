package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.signalbox.common.SignalboxException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spending limit of a profile: {@code daily=5usd}, {@code monthly=2000000tokens}. Days and
 * months are calendar days and months in the engine's time zone.
 */
public record Budget(Period period, BigDecimal limit, Unit unit) {
    private static final Pattern SPEC = Pattern.compile("(?i)\\s*(daily|monthly)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(usd|\\$|tokens?)\\s*");

    public enum Period {
        DAILY, MONTHLY;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Period parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public enum Unit {
        USD, TOKENS;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Unit parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Parses {@code daily=5usd} or {@code monthly=2000000tokens}. */
    public static Budget parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new SignalboxException("--budget '" + spec + "' is not a budget",
                    "write it as --budget daily=5usd or --budget monthly=2000000tokens");
        }
        String u = m.group(3).toLowerCase(Locale.ROOT);
        Unit unit = u.startsWith("token") ? Unit.TOKENS : Unit.USD;
        BigDecimal limit = new BigDecimal(m.group(2));
        if (unit == Unit.TOKENS && limit.stripTrailingZeros().scale() > 0) {
            throw new SignalboxException("--budget '" + spec + "': tokens are whole numbers",
                    "write e.g. --budget monthly=2000000tokens");
        }
        return new Budget(Period.parse(m.group(1)), limit, unit);
    }

    /** {@code daily=5usd}: the form {@link #parse} reads. */
    public String describe() {
        return period.id() + "=" + limit.toPlainString() + (unit == Unit.USD ? "usd" : "tokens");
    }
}
