package dev.ocbridge.core.progress;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Durations, token counts and costs as the thread shows them: short, and precise where it matters. */
final class Amounts {
    private static final MathContext TWO_DIGITS = new MathContext(2);

    private Amounts() {
    }

    /** {@code 30ms}, {@code 2.1s}, {@code 45s}, {@code 3m 05s}, {@code 1h 02m}. */
    static String elapsed(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1_000.0);
        }
        long seconds = millis / 1_000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
    }

    /** {@code 950}, {@code 9999}, {@code 12.3k}, {@code 1.2M}. */
    static String tokens(long count) {
        if (count < 10_000) {
            return Long.toString(count);
        }
        if (count < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", count / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1fM", count / 1_000_000.0);
    }

    /** Dollars: cents above a dollar, two significant digits below ({@code $0.00013}). */
    static String cost(double dollars) {
        if (dollars >= 1) {
            return String.format(Locale.ROOT, "$%.2f", dollars);
        }
        return "$" + new BigDecimal(dollars).round(TWO_DIGITS).stripTrailingZeros().toPlainString();
    }
}
