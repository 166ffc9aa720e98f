package io.signalbox.app.profiles;

import io.signalbox.Signalbox;
import io.signalbox.preflight.PreflightReport;
import io.signalbox.preflight.PreflightResults;
import io.signalbox.preflight.Step;
import io.signalbox.preflight.StepResult;
import io.signalbox.profile.Profile;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Test button: runs the preflight off the UI thread and lists each step as it finishes. */
public final class PreflightViewModel {
    /** A step as the result panel shows it. */
    public record StepRow(String mark, String step, String millis, String detail, String fix, boolean failed) {
        static StepRow of(StepResult r) {
            String mark = switch (r.status()) {
                case PASSED -> "✓";
                case FAILED -> "✗";
                case SKIPPED -> "–";
            };
            String fix = r.diagnosis() == null || r.diagnosis().fix() == null ? "" : r.diagnosis().fix();
            return new StepRow(mark, r.step().title(), r.millis() + " ms", r.detail() == null ? "" : r.detail(), fix,
                    r.failed());
        }
    }

    private final Signalbox signalbox;
    private final PreflightRunner runner;
    private final Executor ui;
    private final Executor background;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty summary = new SimpleStringProperty("");

    public PreflightViewModel(Signalbox signalbox, PreflightRunner runner, Executor ui, Executor background) {
        this.signalbox = signalbox;
        this.runner = runner;
        this.ui = ui;
        this.background = background;
    }

    /** Starts a test of the stored profile {@code name}; does nothing while one runs. */
    public void test(String name) {
        if (running.get() || name == null) {
            return;
        }
        Profile p = signalbox.profiles().get(name);
        steps.clear();
        running.set(true);
        progress.set(ProgressIndicatorStates.INDETERMINATE);
        summary.set("Testing " + p.name() + "…");
        background.execute(() -> {
            String text;
            boolean ok = false;
            try {
                String key = signalbox.secrets().get(p.name()).orElse(null);
                PreflightReport r = runner.run(p, key, step -> ui.execute(() -> {
                    steps.add(StepRow.of(step));
                    progress.set((step.step().ordinal() + 1.0) / (Step.STREAM.ordinal() + 1.0));
                }));
                new PreflightResults(signalbox.home()).save(r);
                ok = r.ok();
                text = r.ok() ? "✓ " + p.name() + " works (model " + r.model() + ", " + r.millis() + " ms)"
                        : "✗ " + r.diagnosis().code() + ": " + r.diagnosis().message();
            } catch (RuntimeException e) {
                text = "✗ the test could not run: " + e.getMessage();
            }
            String done = text;
            boolean passed = ok;
            ui.execute(() -> {
                summary.set(done);
                progress.set(passed ? 1 : progress.get() < 0 ? 0 : progress.get());
                running.set(false);
            });
        });
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public BooleanProperty running() {
        return running;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public StringProperty summary() {
        return summary;
    }

    /** Mirrors ProgressIndicator.INDETERMINATE_PROGRESS without depending on javafx.scene. */
    static final class ProgressIndicatorStates {
        static final double INDETERMINATE = -1;
    }
}
