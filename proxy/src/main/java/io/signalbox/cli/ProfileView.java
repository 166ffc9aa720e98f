package io.signalbox.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.Signalbox;
import io.signalbox.common.SignalboxException;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.PreflightResults;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.ModelRule;
import io.signalbox.profile.Profile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** What {@code profile list/show} print: the profile, whether it is active and whether a key is stored. Never the key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProfileView(
        String name,
        boolean active,
        Boolean keyStored,
        boolean keyRequired,
        String baseUrl,
        String format,
        String auth,
        ModelMap models,
        Map<String, String> headers,
        String notes,
        String preset,
        String keyError,
        PreflightResults.LastTest lastTest,
        io.signalbox.profile.UsagePolicy usage,
        Integer contextWindow,
        io.signalbox.profile.ThinkingMode thinking,
        Integer maxOutputTokens,
        List<String> fallbacks) {

    static List<ProfileView> all(Signalbox sb) {
        Map<String, PreflightReport> tests = lastTests(sb);
        return sb.profiles().list().stream().map(p -> of(sb, p, tests)).toList();
    }

    static ProfileView of(Signalbox sb, Profile p) {
        return of(sb, p, lastTests(sb));
    }

    /** Every profile's last preflight; an unreadable results file only costs the STATUS column. */
    private static Map<String, PreflightReport> lastTests(Signalbox sb) {
        try {
            return new PreflightResults(sb.home()).all();
        } catch (SignalboxException e) {
            sb.warn().accept(e.getMessage());
            return Map.of();
        }
    }

    private static ProfileView of(Signalbox sb, Profile p, Map<String, PreflightReport> tests) {
        String active = sb.settings().stored().activeProfile();
        Boolean stored = null;
        String keyError = null;
        try {
            stored = sb.secrets().has(p.name());
        } catch (SignalboxException e) {
            keyError = e.getMessage();
        }
        return new ProfileView(p.name(), p.name().equalsIgnoreCase(active), stored, p.needsKey(), p.baseUrl(),
                p.format().id(), p.auth().id(), p.models(), p.headers(), p.notes(), p.preset(), keyError,
                tests.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(p.name()))
                        .map(e -> PreflightResults.LastTest.of(e.getValue())).findFirst().orElse(null),
                p.usage(), p.contextWindow(), p.thinking(), p.maxOutputTokens(), p.fallbacks());
    }

    /** The last preflight's verdict and time, for the STATUS column. */
    String status() {
        return lastTest == null ? "untested" : lastTest.shortStatus();
    }

    String keyState() {
        if (keyError != null) {
            return "keychain unavailable";
        }
        if (Boolean.TRUE.equals(keyStored)) {
            return "stored";
        }
        return keyRequired ? "MISSING" : "not needed";
    }

    void printText(PrintWriter out) {
        out.println("name:      " + name + (active ? "  (active)" : ""));
        out.println("base URL:  " + baseUrl);
        out.println("format:    " + format);
        out.println("auth:      " + auth);
        out.println("key:       " + keyState());
        out.println("status:    " + status() + (lastTest == null ? " (signalbox test " + name + ")" : ""));
        if (preset != null) {
            out.println("preset:    " + preset);
        }
        out.println("models:");
        if (models.isEmpty()) {
            out.println("  (none: model names pass through unchanged)");
        }
        printFamily(out, "opus", models.opus());
        printFamily(out, "sonnet", models.sonnet());
        printFamily(out, "haiku", models.haiku());
        printFamily(out, "subagent", models.subagent());
        printFamily(out, "default", models.fallback());
        for (ModelRule r : models.rules()) {
            printFamily(out, r.match(), r.model());
        }
        if (contextWindow != null) {
            out.println("context window: " + String.format(java.util.Locale.ROOT, "%,d", contextWindow)
                    + " tokens (Claude Code's CLAUDE_CODE_MAX_CONTEXT_TOKENS)");
        }
        if (maxOutputTokens != null) {
            out.println("max output: " + String.format(java.util.Locale.ROOT, "%,d", maxOutputTokens)
                    + " tokens (a larger max_tokens is lowered to it; Claude Code's CLAUDE_CODE_MAX_OUTPUT_TOKENS)");
        }
        if (!fallbacks.isEmpty()) {
            out.println("fallbacks: " + String.join(", ", fallbacks)
                    + " (when the provider cannot take a request: unreachable, overloaded, rate-limited, over a hard budget)");
        }
        if (thinking != null) {
            out.println("thinking:  Claude Code's adaptive thinking is sent as "
                    + (thinking == io.signalbox.profile.ThinkingMode.ENABLED ? "enabled, with a token budget" : "disabled"));
        }
        if (!headers.isEmpty()) {
            out.println("headers:");
            headers.forEach((k, v) -> out.println("  " + k + ": " + v));
        }
        if (notes != null) {
            out.println("notes:     " + notes);
        }
        if (usage != null) {
            usage.prices().forEach((m, pr) -> out.println("price:     " + m + "=" + pr.describe() + " (USD per million tokens)"));
            if (usage.multiplier() != null) {
                out.println("cost ×:    " + usage.multiplier().toPlainString());
            }
            for (io.signalbox.profile.Budget b : usage.budgets()) {
                out.println("budget:    " + b.describe() + (usage.soft() ? " (soft: warn only)" : ""));
            }
        }
        out.flush();
    }

    private static void printFamily(PrintWriter out, String k, String v) {
        if (v != null) {
            out.println("  " + k + " -> " + v);
        }
    }
}
