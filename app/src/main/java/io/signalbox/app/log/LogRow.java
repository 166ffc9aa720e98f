package io.signalbox.app.log;

import io.signalbox.event.RequestEvent;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * One request in the live log, as of its latest event. Tokens and cost show "—" until the
 * usage engine reports them.
 */
public record LogRow(long id, String time, RequestEvent last) {
    public static final String UNKNOWN = "—";
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static LogRow first(RequestEvent e, LocalTime at) {
        return new LogRow(e.requestId(), at.format(HMS), e);
    }

    public LogRow with(RequestEvent e) {
        return new LogRow(id, time, e);
    }

    public String profile() {
        return last.profile() == null ? UNKNOWN : last.profile();
    }

    public String model() {
        if (last.requestedModel() == null) {
            return UNKNOWN;
        }
        return last.upstreamModel() == null || last.upstreamModel().equals(last.requestedModel())
                ? last.requestedModel() : last.requestedModel() + " → " + last.upstreamModel();
    }

    public String status() {
        return switch (last.kind()) {
            case COMPLETED -> Integer.toString(last.status());
            case FAILED -> last.status() > 0 ? last.status() + " failed" : "failed";
            default -> "…";
        };
    }

    public boolean failed() {
        return last.kind() == RequestEvent.Kind.FAILED || last.status() >= 400;
    }

    public String latency() {
        return last.isTerminal() ? last.latencyMs() + " ms" : UNKNOWN;
    }

    public String ttft() {
        return last.ttfbMs() < 0 ? UNKNOWN : last.ttfbMs() + " ms";
    }

    public String tokens() {
        return UNKNOWN;
    }

    public String cost() {
        return UNKNOWN;
    }

    /** Whether the row contains {@code text} (case-insensitive) in any column the user sees. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return String.join(" ", time, profile(), model(), status(), last.method(), last.path())
                .toLowerCase(java.util.Locale.ROOT).contains(t);
    }

    /** The detail pane's text. Events carry no prompt text and no keys, so nothing here is secret. */
    public String detail() {
        StringBuilder b = new StringBuilder();
        b.append("Request #").append(id).append(" at ").append(time).append('\n')
                .append(last.method()).append(' ').append(last.path()).append('\n')
                .append("Profile: ").append(profile()).append('\n')
                .append("Model requested: ").append(dash(last.requestedModel())).append('\n')
                .append("Model sent upstream: ").append(dash(last.upstreamModel())).append('\n')
                .append("Status: ").append(status()).append('\n')
                .append("Latency: ").append(latency()).append("   Time to first byte: ").append(ttft()).append('\n')
                .append("Bytes: ").append(last.bytes()).append('\n')
                .append("Tokens: ").append(tokens()).append("   Cost: ").append(cost());
        if (last.error() != null) {
            b.append('\n').append("Error: ").append(last.error());
        }
        return b.toString();
    }

    private static String dash(String s) {
        return s == null ? UNKNOWN : s;
    }
}
