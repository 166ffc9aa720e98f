package io.signalbox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.common.SignalboxException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What one model costs, in USD per million tokens. Cache prices left out fall back: cache reads
 * to the input price is never assumed (an unknown part makes the cost unknown), so give all four.
 *
 * @param cacheWrite   price of cache writes with the default (5-minute) lifetime
 * @param cacheWrite1h price of 1-hour cache writes (null: same as {@code cacheWrite})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite,
        BigDecimal cacheWrite1h) {

    public static final String EXAMPLE = "input:3,output:15,cache-read:0.3,cache-write:3.75";

    /** Parses {@code input:3,output:15,cache-read:0.3,cache-write:3.75[,cache-write-1h:6]}. */
    public static ModelPrice parse(String spec, String where) {
        BigDecimal in = null;
        BigDecimal out = null;
        BigDecimal cr = null;
        BigDecimal cw = null;
        BigDecimal cw1h = null;
        for (String part : spec.split(",")) {
            String[] kv = part.split(":", 2);
            if (kv.length != 2) {
                throw bad(spec, where);
            }
            BigDecimal v = number(kv[1].trim(), spec, where);
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "input", "in" -> in = v;
                case "output", "out" -> out = v;
                case "cache-read", "cache_read" -> cr = v;
                case "cache-write", "cache_write", "cache-write-5m" -> cw = v;
                case "cache-write-1h", "cache_write_1h" -> cw1h = v;
                default -> throw bad(spec, where);
            }
        }
        if (in == null || out == null) {
            throw new SignalboxException(where + ": '" + spec + "' needs at least input and output prices",
                    "write it as MODEL=" + EXAMPLE + " (USD per million tokens)");
        }
        return new ModelPrice(in, out, cr, cw, cw1h);
    }

    private static BigDecimal number(String s, String spec, String where) {
        try {
            BigDecimal v = new BigDecimal(s);
            if (v.signum() < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(spec, where);
        }
    }

    private static SignalboxException bad(String spec, String where) {
        return new SignalboxException(where + ": '" + spec + "' is not a price list",
                "write it as MODEL=" + EXAMPLE + " (USD per million tokens; also cache-write-1h:N)");
    }

    public BigDecimal cacheWrite1hOrDefault() {
        return cacheWrite1h != null ? cacheWrite1h : cacheWrite;
    }

    /** {@code input:3,output:15,...} — the form {@link #parse} reads. */
    public String describe() {
        StringBuilder b = new StringBuilder("input:" + input.toPlainString() + ",output:" + output.toPlainString());
        if (cacheRead != null) {
            b.append(",cache-read:").append(cacheRead.toPlainString());
        }
        if (cacheWrite != null) {
            b.append(",cache-write:").append(cacheWrite.toPlainString());
        }
        if (cacheWrite1h != null) {
            b.append(",cache-write-1h:").append(cacheWrite1h.toPlainString());
        }
        return b.toString();
    }
}
