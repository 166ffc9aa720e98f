package io.signalbox.app.log;

import io.signalbox.event.RequestEvent;
import io.signalbox.event.RequestListener;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live request log: one row per request, updated as its events arrive (on any thread; the
 * rows change on the UI executor). A filter, a selected row with its detail, and auto-scroll.
 */
public final class LiveLogViewModel implements RequestListener {
    public static final int MAX_ROWS = 5000;

    private final Executor ui;
    private final Clock clock;
    private final ZoneId zone;
    private final Function<RequestEvent, BigDecimal> pricing;
    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visible = new FilteredList<>(rows, r -> true);
    private final Map<Long, Integer> index = new HashMap<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<LogRow> selected = new SimpleObjectProperty<>();
    private final StringProperty detail = new SimpleStringProperty("Select a request to see its details.");
    private final BooleanProperty autoScroll = new SimpleBooleanProperty(true);

    /** @param pricing the stored cost of a terminal event's request (null: unknown) */
    public LiveLogViewModel(Executor ui, Clock clock, ZoneId zone, Function<RequestEvent, BigDecimal> pricing) {
        this.ui = ui;
        this.clock = clock;
        this.zone = zone;
        this.pricing = pricing;
        filter.addListener((o, a, b) -> visible.setPredicate(r -> r.matches(b)));
        selected.addListener((o, a, b) -> detail.set(b == null ? "Select a request to see its details." : b.detail()));
    }

    @Override
    public void onEvent(RequestEvent e) {
        LocalTime at = LocalTime.now(clock.withZone(zone));
        BigDecimal cost = e.isTerminal() && e.usage() != null ? pricing.apply(e) : null;
        ui.execute(() -> apply(e, at, cost));
    }

    private void apply(RequestEvent e, LocalTime at, BigDecimal cost) {
        Integer i = index.get(e.requestId());
        if (i == null) {
            if (rows.size() >= MAX_ROWS) {
                rows.remove(0);
                index.replaceAll((k, v) -> v - 1);
                index.values().removeIf(v -> v < 0);
            }
            index.put(e.requestId(), rows.size());
            rows.add(LogRow.first(e, at).with(e, cost));
            return;
        }
        LogRow updated = rows.get(i).with(e, cost);
        rows.set(i, updated);
        if (selected.get() != null && selected.get().id() == updated.id()) {
            selected.set(updated);
        }
    }

    /**
     * Puts requests recorded before the app started ({@code history}, oldest first) above the live
     * ones, so the log opens with what happened last, not empty. Runs on the UI executor.
     */
    public void loadHistory(java.util.List<io.signalbox.usage.UsageRow> history) {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(zone));
        ui.execute(() -> {
            int room = Math.min(history.size(), MAX_ROWS - rows.size());
            if (room <= 0) {
                return;
            }
            java.util.List<io.signalbox.usage.UsageRow> kept = history.subList(history.size() - room, history.size());
            java.util.List<LogRow> older = new java.util.ArrayList<>(room);
            for (int i = 0; i < room; i++) {
                older.add(LogRow.stored(kept.get(i), -(room - i), zone, today));
            }
            index.replaceAll((k, v) -> v + room);
            for (int i = 0; i < room; i++) {
                index.put(older.get(i).id(), i);
            }
            rows.addAll(0, older);
        });
    }

    public void clear() {
        rows.clear();
        index.clear();
        selected.set(null);
    }

    public ObservableList<LogRow> rows() {
        return rows;
    }

    public FilteredList<LogRow> visibleRows() {
        return visible;
    }

    public StringProperty filter() {
        return filter;
    }

    public ObjectProperty<LogRow> selected() {
        return selected;
    }

    public StringProperty detail() {
        return detail;
    }

    public BooleanProperty autoScroll() {
        return autoScroll;
    }
}
