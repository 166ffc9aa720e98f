package io.signalbox.preflight;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A verdict: a stable code, one plain line saying what is wrong, and a fix naming the concrete
 * command or setting. Never contains a key (provider text is scrubbed before it gets here).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Diagnosis(DiagnosisCode code, String message, String fix) {
    public static final Diagnosis OK = new Diagnosis(DiagnosisCode.OK, "the profile works", null);

    public boolean ok() {
        return code == DiagnosisCode.OK;
    }

    static Diagnosis of(DiagnosisCode code, String message, String fix) {
        return new Diagnosis(code, message, fix);
    }
}
