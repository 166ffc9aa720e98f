package io.signalbox.preflight;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The result of one preflight of one profile: every step that ran, in order, and the overall
 * diagnosis (the first failure's, else {@link Diagnosis#OK}).
 *
 * @param testedAt ISO-8601 instant the test started
 * @param model    the provider model the requests used, if one was chosen
 */
public record PreflightReport(
        String profile,
        String format,
        String baseUrl,
        String model,
        String testedAt,
        long millis,
        List<StepResult> steps,
        Diagnosis diagnosis) {

    public PreflightReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @JsonIgnore
    public boolean ok() {
        return diagnosis != null && diagnosis.ok();
    }
}
