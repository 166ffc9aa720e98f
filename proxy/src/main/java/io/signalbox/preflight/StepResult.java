package io.signalbox.preflight;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finished step: how it ended, how long it took, what it saw ({@code detail}) and, when it
 * failed, the diagnosis.
 *
 * @param httpStatus         the last HTTP status the step received, if any
 * @param firstEventMillis   for the streamed step: time to the first server-sent event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(
        Step step,
        Status status,
        long millis,
        String detail,
        Integer httpStatus,
        Long firstEventMillis,
        Diagnosis diagnosis) {

    public enum Status { PASSED, FAILED, SKIPPED }

    static StepResult passed(Step step, long millis, String detail, Integer httpStatus) {
        return new StepResult(step, Status.PASSED, millis, detail, httpStatus, null, null);
    }

    static StepResult skipped(Step step, long millis, String detail, Integer httpStatus) {
        return new StepResult(step, Status.SKIPPED, millis, detail, httpStatus, null, null);
    }

    static StepResult failed(Step step, long millis, Integer httpStatus, Diagnosis d) {
        return new StepResult(step, Status.FAILED, millis, d.message(), httpStatus, null, d);
    }

    StepResult withFirstEvent(long ms) {
        return new StepResult(step, status, millis, detail, httpStatus, ms, diagnosis);
    }

    @JsonIgnore
    public boolean failed() {
        return status == Status.FAILED;
    }
}
