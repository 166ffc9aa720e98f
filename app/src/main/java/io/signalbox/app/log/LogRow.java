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
    /** What the detail says of a value the usage store has no column for. */
    public static final String NOT_STORED = "not recorded for requests from before this start";
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    public static LogRow first(RequestEvent e, LocalTime at) {
        return new LogRow(e.requestId(), at.format(HMS), e, null);
    }

    /**
     * A request recorded before the app started (from the usage store), under {@code id} (negative:
     * live requests count from 1). Its time shows the date when it is not from {@code today}. The
     * store keeps no time to first byte and no byte count: those stay unknown ({@link #NOT_STORED}).
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
                r.status(), r.latencyMs(), -1, -1, r.errorClass(), u);
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

    /**
     * The TTFT column: the time to the first upstream byte; for a recorded request (the store keeps
     * no first-byte time) the stored time to the first token of a stream.
     */
    public String ttft() {
        if (last.ttfbMs() >= 0) {
            return last.ttfbMs() + " ms";
        }
        return recorded() ? firstToken() : UNKNOWN;
    }

    /** The time to the first content event of a stream, as the usage report (or the store) has it. */
    private String firstToken() {
        UsageReport u = last.usage();
        return u == null || u.ttftMs() < 0 ? UNKNOWN : u.ttftMs() + " ms";
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

    /**
     * The detail pane's text: every value the event (or, for a recorded request, the usage store)
     * has; a value the store does not keep says so. Events carry no prompt text and no keys, so
     * nothing here is secret.
     */
    public String detail() {
        UsageReport u = last.usage();
        StringBuilder b = new StringBuilder();
        b.append(recorded() ? "Recorded request" : "Request #" + id).append(" at ").append(time).append('\n')
                .append(last.method()).append(' ').append(last.path()).append('\n')
                .append("Profile: ").append(profile());
        if (u != null && u.client() != null) {
            b.append("   Client: ").append(u.client());
        }
        b.append('\n')
                .append("Model requested: ").append(dash(last.requestedModel())).append('\n')
                .append("Model sent upstream: ").append(dash(last.upstreamModel())).append('\n');
        if (u != null) {
            b.append("Model that answered: ").append(u.responseModel() == null ? "not reported by the upstream"
                    : u.responseModel()).append('\n');
        }
        b.append("Status: ").append(status());
        if (u != null) {
            b.append("   Response: ").append(u.streamed() ? "streamed" : "not streamed")
                    .append(u.complete() ? ", complete" : ", not complete");
        }
        b.append('\n')
                .append("Latency: ").append(latency()).append('\n')
                .append("Time to first byte: ").append(last.ttfbMs() >= 0 ? last.ttfbMs() + " ms"
                        : recorded() ? NOT_STORED : UNKNOWN).append('\n')
                .append("Time to first token: ").append(timeToFirstToken(u)).append('\n')
                .append("Bytes: ").append(last.bytes() >= 0 ? String.format("%,d", last.bytes())
                        : recorded() ? NOT_STORED : UNKNOWN).append('\n')
                .append("Tokens: ").append(tokens());
        if (u != null && u.reported()) {
            b.append(" (input ").append(count(u.inputTokens())).append(", output ").append(count(u.outputTokens()))
                    .append(", cache read ").append(count(u.cacheReadTokens()))
                    .append(", cache write ").append(count(u.cacheWriteTokens()));
            if (u.cacheWrite1hTokens() != null && u.cacheWrite1hTokens() > 0) {
                b.append(" of which 1 h ").append(count(u.cacheWrite1hTokens()));
            }
            if (u.reasoningTokens() != null) {
                b.append(", reasoning ").append(count(u.reasoningTokens()));
            }
            b.append(')');
        } else if (u != null && last.isTerminal()) {
            b.append(" (the upstream reported no token counts)");
        }
        b.append("   Cost: ").append(cost());
        if (u != null && u.failoverHops() > 0) {
            b.append('\n').append("Failover: ").append(u.failoverHops())
                    .append(u.failoverHops() == 1 ? " other upstream" : " other upstreams").append(" tried first");
        }
        if (u != null && u.sessionId() != null) {
            b.append('\n').append("Session: ").append(u.sessionId());
        }
        if (costHint() != null) {
            b.append('\n').append(costHint());
        }
        if (last.error() != null) {
            b.append('\n').append("Error: ").append(last.error());
        } else if (u != null && u.errorClass() != null) {
            b.append('\n').append("Error: ").append(u.errorClass());
        }
        return b.toString();
    }

    private String timeToFirstToken(UsageReport u) {
        if (u == null) {
            return UNKNOWN;
        }
        if (u.ttftMs() >= 0) {
            return u.ttftMs() + " ms";
        }
        return u.streamed() ? UNKNOWN + " (the stream sent no content)" : UNKNOWN + " (measured for streamed responses only)";
    }

    private static String count(Long n) {
        return n == null ? UNKNOWN : String.format("%,d", n);
    }

    private static String dash(String s) {
        return s == null ? UNKNOWN : s;
    }
}
