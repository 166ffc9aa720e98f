package io.signalbox.app.log;

import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The live log: a filter, the request table (auto-scrolling unless paused) and a detail pane. */
public final class LiveLogView {
    private final BorderPane root = new BorderPane();
    /** The model column's least width: a typical mapping fits in it. */
    static final double MODEL_WIDTH = 320;
    /** Kept free for the vertical scroll bar, so a long log does not also scroll sideways. */
    private static final double SCROLL_BAR_ROOM = 18;
    private final TableView<LogRow> table = new TableView<>();

    public LiveLogView(LiveLogViewModel vm) {
        TextField filter = new TextField();
        filter.setId("logFilter");
        filter.setPromptText("filter by profile, model, status, path…");
        filter.textProperty().bindBidirectional(vm.filter());
        Label filterLabel = new Label("_Filter");
        filterLabel.setMnemonicParsing(true);
        filterLabel.setLabelFor(filter);
        CheckBox follow = new CheckBox("_Auto-scroll");
        follow.setId("autoScroll");
        follow.selectedProperty().bindBidirectional(vm.autoScroll());
        Button clear = new Button("C_lear");
        clear.setOnAction(e -> vm.clear());
        HBox bar = new HBox(8, filterLabel, filter, follow, clear);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));

        table.setId("logTable");
        table.setItems(vm.visibleRows());
        table.setPlaceholder(new Label("No requests yet. Point Claude Code or Codex at the proxy and they appear here."));
        table.getColumns().add(col("Time", LogRow::time, 100));
        table.getColumns().add(col("Profile", LogRow::profile, 110));
        TableColumn<LogRow, String> model = col("Model", LogRow::model, MODEL_WIDTH);
        table.getColumns().add(model);
        table.getColumns().add(col("Status", LogRow::status, 75));
        table.getColumns().add(col("Latency", LogRow::latency, 80));
        table.getColumns().add(col("TTFT", LogRow::ttft, 75));
        table.getColumns().add(col("Tokens", LogRow::tokens, 80));
        TableColumn<LogRow, String> cost = col("Cost", LogRow::cost, 80);
        cost.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                LogRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String hint = row == null ? null : row.costHint();
                setTooltip(hint == null ? null : new Tooltip(hint));
            }
        });
        table.getColumns().add(cost);
        fillWithModel(model);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("failed-row");
                if (!empty && item != null && item.failed()) {
                    getStyleClass().add("failed-row");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selected().set(b);
            }
        });
        vm.visibleRows().addListener((ListChangeListener<LogRow>) c -> {
            if (vm.autoScroll().get() && !vm.visibleRows().isEmpty()) {
                table.scrollTo(vm.visibleRows().size() - 1);
            }
        });
        TextArea detail = new TextArea();
        detail.setId("logDetail");
        detail.setEditable(false);
        detail.textProperty().bind(vm.detail());
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        root.setTop(bar);
        root.setCenter(split);
    }

    /**
     * The model column takes the width the other columns leave (at least {@link #MODEL_WIDTH}), so
     * "claude-sonnet-4-5-20250929 → deepseek-chat" is readable at the default window size; it
     * follows the window and the other columns when they are resized. Dragging its own edge still
     * sets it.
     */
    private void fillWithModel(TableColumn<LogRow, String> model) {
        Runnable fill = () -> {
            double others = 0;
            for (TableColumn<LogRow, ?> c : table.getColumns()) {
                if (c != model && c.isVisible()) {
                    others += c.getWidth();
                }
            }
            double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - others
                    - SCROLL_BAR_ROOM;
            model.setPrefWidth(Math.max(MODEL_WIDTH, Math.floor(room)));
        };
        table.widthProperty().addListener((o, a, b) -> fill.run());
        for (TableColumn<LogRow, ?> c : table.getColumns()) {
            if (c != model) {
                c.widthProperty().addListener((o, a, b) -> fill.run());
            }
        }
    }

    private static TableColumn<LogRow, String> col(String title, Function<LogRow, String> value, double width) {
        TableColumn<LogRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Node node() {
        return root;
    }

    public TableView<LogRow> table() {
        return table;
    }
}
