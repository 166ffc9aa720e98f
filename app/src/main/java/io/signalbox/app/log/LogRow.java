package io.signalbox.app.log;

import io.signalbox.app.usage.Money;
import io.signalbox.event.RequestEvent;
import io.signalbox.event.UsageReport;
import io.signalbox.usage.Pricing;
import io.signalbox.usage.UsageRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One request in the live log, as of its latest event. Tokens and cost come from the terminal
 * event's usage: "—" before it (or for requests without usage), "?" for a cost that is unknown.
 *
 * @param costUsd the cost the usage store records for the request; null while unknown
 */
public record LogRow(long id, String time, RequestEvent last, BigDecimal costUsd) {
    public static final String UNKNOWN = "—";
    public static final String UNKNOWN_COST = "?";
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    public static LogRow first(RequestEvent e, LocalTime at) {
        return new LogRow(e.requestId(), at.format(HMS), e, null);
    }

    /**
     * A request recorded before the app started (from the usage store), under {@code id} (negative:
     * live requests count from 1). Its time shows the date when it is not from {@code today}.
     */
    public static LogRow stored(UsageRow r, long id, ZoneId zone, LocalDate today) {
        ZonedDateTime at = Instant.ofEpochMilli(r.timeMillis()).atZone(zone);
        // failures the proxy saw itself are FAILED events; an upstream error status completed (http_NNN)
        boolean failed = r.errorClass() != null && !r.errorClass().startsWith("http_");
        long ttft = r.ttftMs() == null ? -1 : r.ttftMs();
        UsageReport u = new UsageReport(r.client(), r.sessionId(), r.endpoint(), r.streamed(), r.complete(), ttft,
                r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens(), r.cacheWrite1hTokens(),
                r.reasoningTokens(), r.responseModel(), r.errorClass(), r.failoverHops());
        RequestEvent e = new RequestEvent(id, failed ? RequestEvent.Kind.FAILED : RequestEvent.Kind.COMPLETED, "POST",
                r.endpoint() == null ? UNKNOWN : r.endpoint(), r.profile(), r.requestedModel(), r.upstreamModel(),
                r.status(), r.latencyMs(), ttft, -1, r.errorClass(), u);
        return new LogRow(id, at.toLocalDate().equals(today) ? at.format(HMS) : at.format(DAY_HM), e, r.costUsd());
    }

    /** True for a request recorded before the app started. */
    public boolean recorded() {
        return id < 0;
    }

    /** The row after event {@code e}; {@code cost} as the store prices it (null: unknown). */
    public LogRow with(RequestEvent e, BigDecimal cost) {
        return new LogRow(id, time, e, cost);
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

    /** All tokens (input, output, cache reads and writes), as token budgets count them. */
    public String tokens() {
        UsageReport u = last.usage();
        return u == null || !u.reported() ? UNKNOWN : String.format("%,d", u.totalTokens());
    }

    public String cost() {
        if (last.usage() == null) {
            return UNKNOWN;
        }
        return costUsd == null ? UNKNOWN_COST : Money.format(costUsd);
    }

    /** Why the cost is "?" and how to fix it; null when the cost is known or not yet due. */
    public String costHint() {
        if (last.usage() == null || costUsd != null) {
            return null;
        }
        String model = last.upstreamModel() != null ? last.upstreamModel()
                : last.usage().responseModel() != null ? last.usage().responseModel() : last.requestedModel();
        String fix = Pricing.hint(last.profile(), model);
        return last.usage().reported()
                ? "Cost unknown: there is no price for " + (model == null ? "this model" : model)
                        + ". Add one (USD per million tokens): " + fix
                : "Cost unknown: the upstream reported no token counts. Where it does, a missing price is added"
                        + " with: " + fix;
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
        b.append(recorded() ? "Recorded request" : "Request #" + id).append(" at ").append(time).append('\n')
                .append(last.method()).append(' ').append(last.path()).append('\n')
                .append("Profile: ").append(profile()).append('\n')
                .append("Model requested: ").append(dash(last.requestedModel())).append('\n')
                .append("Model sent upstream: ").append(dash(last.upstreamModel())).append('\n')
                .append("Status: ").append(status()).append('\n')
                .append("Latency: ").append(latency()).append("   Time to first byte: ").append(ttft()).append('\n')
                .append("Bytes: ").append(last.bytes() < 0 ? UNKNOWN : Long.toString(last.bytes())).append('\n')
                .append("Tokens: ").append(tokens()).append("   Cost: ").append(cost());
        if (costHint() != null) {
            b.append('\n').append(costHint());
        }
        if (last.error() != null) {
            b.append('\n').append("Error: ").append(last.error());
        }
        return b.toString();
    }

    private static String dash(String s) {
        return s == null ? UNKNOWN : s;
    }
}
