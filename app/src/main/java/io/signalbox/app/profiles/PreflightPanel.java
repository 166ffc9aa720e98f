package io.signalbox.app.profiles;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import java.util.function.Function;

/** The step-by-step result of the Test button. */
final class PreflightPanel {
    private final VBox box;

    PreflightPanel(PreflightViewModel vm) {
        Label title = new Label();
        title.setId("preflightTitle");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.shown().get() == null ? "Test result" : "Test result — " + vm.shown().get(), vm.shown()));
        title.getStyleClass().add("section-title");
        ProgressBar progress = new ProgressBar();
        progress.setId("preflightProgress");
        progress.progressProperty().bind(vm.progress());
        progress.visibleProperty().bind(vm.running());
        progress.managedProperty().bind(vm.running());
        progress.setMaxWidth(Double.MAX_VALUE);
        TableView<PreflightViewModel.StepRow> steps = new TableView<>(vm.steps());
        steps.setId("preflightSteps");
        steps.setPlaceholder(new Label("Press Test (Ctrl+T) to check the profile step by step."));
        steps.getColumns().add(col("", PreflightViewModel.StepRow::mark, 36));
        steps.getColumns().add(col("Step", PreflightViewModel.StepRow::step, 220));
        steps.getColumns().add(col("Time", PreflightViewModel.StepRow::millis, 80));
        steps.getColumns().add(col("Result", r -> r.fix().isEmpty() ? r.detail() : r.detail() + " — fix: " + r.fix(), 520));
        steps.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PreflightViewModel.StepRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("failed-row");
                if (!empty && item != null && item.failed()) {
                    getStyleClass().add("failed-row");
                }
            }
        });
        // every step visible at once (no vertical scrolling inside the panel), the result column takes
        // the rest of the width and shows the whole text as a tooltip
        steps.setFixedCellSize(26);
        steps.setPrefHeight(26 * io.signalbox.preflight.Step.values().length + 32);
        steps.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label summary = new Label();
        summary.setId("preflightSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summary());
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box = new VBox(6, title, progress, steps, summary);
        box.setPadding(new Insets(4, 0, 0, 0));
    }

    private static TableColumn<PreflightViewModel.StepRow, String> col(String title,
            Function<PreflightViewModel.StepRow, String> value, double width) {
        TableColumn<PreflightViewModel.StepRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    Node node() {
        return box;
    }
}
