package io.signalbox.app.usage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Usage &amp; cost: totals, requests by day (bars), by profile (pie) and by model (bars); CSV export. */
public final class UsageView {
    private final VBox root;
    private final UsageViewModel vm;

    public UsageView(UsageViewModel vm) {
        this.vm = vm;
        ComboBox<UsagePeriod> period = new ComboBox<>();
        period.setId("usagePeriod");
        period.getItems().setAll(UsagePeriod.values());
        period.valueProperty().bindBidirectional(vm.period());
        Label periodLabel = new Label("_Period");
        periodLabel.setMnemonicParsing(true);
        periodLabel.setLabelFor(period);
        Button export = new Button("_Export CSV…");
        export.setId("exportCsv");
        export.disableProperty().bind(vm.exporting());
        export.setOnAction(e -> chooseAndExport());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.exportProgress());
        progress.visibleProperty().bind(vm.exporting());
        Label status = new Label();
        status.setId("exportStatus");
        status.textProperty().bind(vm.exportStatus());
        status.setWrapText(true); // the message ends with the full path of the file written
        status.setMinWidth(0);
        vm.exportStatus().addListener((o, a, b) -> status.setTooltip(b == null || b.isEmpty() ? null
                : new javafx.scene.control.Tooltip(b)));
        HBox bar = new HBox(8, periodLabel, period, export, progress, status);
        HBox.setHgrow(status, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);

        HBox totals = new HBox(12, total("Requests", "usageRequests", vm.requestsText()),
                total("Tokens", "usageTokens", vm.tokensText()), total("Cost", "usageCost", vm.costText()));
        Label unpriced = hint("usageUnpriced", vm.unpricedText());
        Label problem = hint("usageProblem", vm.problem());
        problem.getStyleClass().add("problem");

        BarChart<String, Number> byDay = new BarChart<>(new CategoryAxis(), new NumberAxis());
        byDay.setTitle("Requests by day");
        byDay.setLegendVisible(false);
        byDay.setAnimated(false);
        PieChart byProfile = new PieChart();
        byProfile.setTitle("By profile");
        byProfile.setAnimated(false);
        byProfile.setLabelsVisible(false);
        byProfile.setLegendVisible(true);
        BarChart<String, Number> byModel = new BarChart<>(new CategoryAxis(), new NumberAxis());
        byModel.setTitle("By model");
        byModel.setLegendVisible(false);
        byModel.setAnimated(false);
        Runnable redraw = () -> {
            byDay.getData().setAll(List.of(series(vm.byDay())));
            byModel.getData().setAll(List.of(series(vm.byModel())));
            byProfile.getData().setAll(vm.byProfile().stream()
                    .map(b -> new PieChart.Data(b.label() + " (" + b.requests() + " · " + Money.format(b.cost())
                            + (b.unknownCost() > 0 ? " + ?" : "") + ")", b.requests())).toList());
        };
        vm.byModel().addListener((ListChangeListener<UsageViewModel.Bucket>) c -> redraw.run()); // set last
        redraw.run();

        GridPane charts = new GridPane(12, 12);
        charts.add(byDay, 0, 0, 2, 1);
        charts.add(byProfile, 0, 1);
        charts.add(byModel, 1, 1);
        GridPane.setHgrow(byDay, Priority.ALWAYS);
        GridPane.setHgrow(byProfile, Priority.ALWAYS);
        GridPane.setHgrow(byModel, Priority.ALWAYS);
        root = new VBox(12, bar, totals, unpriced, problem, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        root.setPadding(new Insets(12));
    }

    private static XYChart.Series<String, Number> series(List<UsageViewModel.Bucket> buckets) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (UsageViewModel.Bucket b : buckets) {
            s.getData().add(new XYChart.Data<>(b.label().length() == 10 ? b.label().substring(5) : b.label(), b.requests()));
        }
        return s;
    }

    private static Label hint(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        // the whole text, never cut off by the charts below (it ends with the commands that fix it)
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem("Copy");
        copy.setOnAction(e -> javafx.scene.input.Clipboard.getSystemClipboard().setContent(
                java.util.Map.of(javafx.scene.input.DataFormat.PLAIN_TEXT, l.getText())));
        l.setContextMenu(new javafx.scene.control.ContextMenu(copy));
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private static Node total(String title, String id, javafx.beans.value.ObservableValue<String> value) {
        Label t = new Label(title);
        t.getStyleClass().add("total-title");
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("total-value");
        v.textProperty().bind(value);
        VBox box = new VBox(2, t, v);
        box.getStyleClass().add("total-card");
        box.setPadding(new Insets(10, 16, 10, 16));
        return box;
    }

    private void chooseAndExport() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("signalbox-usage.csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.exportCsv(Path.of(f.getPath()));
        }
    }

    public Node node() {
        return root;
    }
}
