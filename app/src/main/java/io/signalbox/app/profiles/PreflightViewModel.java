package io.signalbox.app.profiles;

import io.signalbox.Signalbox;
import io.signalbox.app.engine.Notifier;
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

    private final Notifier notifier;
    /** The profile whose result the panel shows (the one selected in the editor, or the one under test). */
    private final StringProperty shown = new SimpleStringProperty();

    public PreflightViewModel(Signalbox signalbox, PreflightRunner runner, Executor ui, Executor background) {
        this(signalbox, runner, ui, background, (t, x) -> { });
    }

    /** @param notifier tells the user a test's outcome when it was started from the tray */
    public PreflightViewModel(Signalbox signalbox, PreflightRunner runner, Executor ui, Executor background,
            Notifier notifier) {
        this.signalbox = signalbox;
        this.runner = runner;
        this.ui = ui;
        this.background = background;
        this.notifier = notifier;
    }

    /** Starts a test of the stored profile {@code name}; does nothing while one runs. */
    public void test(String name) {
        test(name, false);
    }

    /**
     * Starts a test of the stored profile {@code name}; with {@code notify} its outcome also becomes a
     * notification (a test started from the tray menu, whose panel the user may not be looking at).
     */
    public void test(String name, boolean notify) {
        if (running.get() || name == null) {
            return;
        }
        Profile p = signalbox.profiles().get(name);
        steps.clear();
        shown.set(p.name());
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
                    progress.set(Math.min(1.0, (step.step().ordinal() + 1.0) / Step.values().length));
                }));
                ok = r.ok();
                text = outcome(r);
                try {
                    new PreflightResults(signalbox.home()).save(r);
                } catch (RuntimeException e) {
                    text += " (not kept for later: " + e.getMessage() + ")";
                }
            } catch (RuntimeException e) {
                text = "✗ " + p.name() + ": the test could not run: " + e.getMessage();
            }
            String done = text;
            boolean passed = ok;
            ui.execute(() -> {
                summary.set(done);
                progress.set(passed ? 1 : progress.get() < 0 ? 0 : progress.get());
                if (notify) {
                    notifier.notify((passed ? "Test passed: " : "Test failed: ") + p.name(), done);
                }
                // last: whoever waits for the test to end finds its outcome complete, notification included
                running.set(false);
            });
        });
    }

    /**
     * Shows the last result of {@code name} (from preflight.json), or that it was never tested — so a
     * result never stands under another profile's name. While a test runs the panel stays on it.
     */
    public void show(String name) {
        if (running.get() || (name != null && name.equalsIgnoreCase(shown.get()))) {
            return;
        }
        shown.set(name);
        steps.clear();
        progress.set(0);
        if (name == null) {
            summary.set("");
            return;
        }
        java.util.Optional<PreflightReport> last;
        try {
            last = new PreflightResults(signalbox.home()).last(name);
        } catch (RuntimeException e) {
            last = java.util.Optional.empty();
        }
        if (last.isEmpty()) {
            summary.set(name + " has not been tested yet.");
            return;
        }
        PreflightReport r = last.get();
        r.steps().forEach(step -> steps.add(StepRow.of(step)));
        progress.set(r.ok() ? 1 : 0);
        summary.set("Last test, " + when(r.testedAt()) + ": " + outcome(r));
    }

    private static String outcome(PreflightReport r) {
        if (r.ok()) {
            return "✓ " + r.profile() + " works (model " + r.model() + ", " + r.millis() + " ms)";
        }
        var d = r.diagnosis();
        return "✗ " + r.profile() + ": " + d.code() + ": " + d.message()
                + (d.fix() == null || d.fix().isBlank() ? "" : " — fix: " + d.fix());
    }

    private static String when(String testedAt) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(java.time.Instant.parse(testedAt).atZone(java.time.ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            return String.valueOf(testedAt);
        }
    }

    /** The profile whose result the panel shows. */
    public StringProperty shown() {
        return shown;
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
