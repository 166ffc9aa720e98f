package io.signalbox.app.usage;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Usage &amp; cost: totals and breakdowns by day, profile and model for the chosen period; CSV export. */
public final class UsageViewModel {
    /** One bar or slice. */
    public record Bucket(String label, long requests, long tokens, BigDecimal cost) {
    }

    private final UsageSource source;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor ui;
    private final Executor background;

    private final ObjectProperty<UsagePeriod> period = new SimpleObjectProperty<>(UsagePeriod.LAST_7_DAYS);
    private final ObjectProperty<UsageTotals> totals = new SimpleObjectProperty<>(UsageTotals.of(List.of()));
    private final StringProperty requestsText = new SimpleStringProperty("0");
    private final StringProperty tokensText = new SimpleStringProperty("—");
    private final StringProperty costText = new SimpleStringProperty("—");
    private final ObservableList<Bucket> byDay = FXCollections.observableArrayList();
    private final ObservableList<Bucket> byProfile = FXCollections.observableArrayList();
    private final ObservableList<Bucket> byModel = FXCollections.observableArrayList();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final DoubleProperty exportProgress = new SimpleDoubleProperty();
    private final StringProperty exportStatus = new SimpleStringProperty("");

    public UsageViewModel(UsageSource source, Clock clock, ZoneId zone, Executor ui, Executor background) {
        this.source = source;
        this.clock = clock;
        this.zone = zone;
        this.ui = ui;
        this.background = background;
        period.addListener((o, a, b) -> refresh());
        source.onChange(() -> ui.execute(this::refresh));
        refresh();
    }

    public void refresh() {
        List<UsageRecord> records = current();
        UsageTotals t = UsageTotals.of(records);
        totals.set(t);
        requestsText.set(Long.toString(t.requests()));
        tokensText.set(t.tokensKnown() ? String.format("%,d", t.tokens()) : "—");
        costText.set(t.costKnown() ? money(t.cost()) : "—");
        byDay.setAll(days(records));
        byProfile.setAll(group(records, UsageRecord::profile));
        byModel.setAll(group(records, UsageRecord::model));
    }

    private List<UsageRecord> current() {
        return source.records(period.get().from(clock, zone), clock.instant().plusSeconds(1));
    }

    public static String money(BigDecimal d) {
        return "$" + d.setScale(d.abs().compareTo(BigDecimal.ONE) < 0 && d.signum() != 0 ? 4 : 2, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private List<Bucket> days(List<UsageRecord> records) {
        Map<LocalDate, List<UsageRecord>> m = new TreeMap<>();
        LocalDate first = LocalDate.ofInstant(period.get().from(clock, zone), zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            m.put(d, new java.util.ArrayList<>());
        }
        for (UsageRecord r : records) {
            m.computeIfAbsent(LocalDate.ofInstant(r.at(), zone), d -> new java.util.ArrayList<>()).add(r);
        }
        return m.entrySet().stream().map(e -> bucket(e.getKey().toString(), e.getValue())).toList();
    }

    private static List<Bucket> group(List<UsageRecord> records, Function<UsageRecord, String> key) {
        Map<String, List<UsageRecord>> m = new TreeMap<>();
        for (UsageRecord r : records) {
            m.computeIfAbsent(key.apply(r), k -> new java.util.ArrayList<>()).add(r);
        }
        return m.entrySet().stream().map(e -> bucket(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Bucket::requests).reversed()).toList();
    }

    private static Bucket bucket(String label, List<UsageRecord> rs) {
        UsageTotals t = UsageTotals.of(rs);
        return new Bucket(label, t.requests(), t.tokens(), t.cost());
    }

    /** Writes the period's records to {@code file} off the UI thread, with progress. */
    public void exportCsv(Path file) {
        List<UsageRecord> records = current();
        exporting.set(true);
        exportProgress.set(0);
        exportStatus.set("Exporting " + records.size() + " records…");
        background.execute(() -> {
            String done;
            try {
                UsageCsv.write(records, file, p -> ui.execute(() -> exportProgress.set(p)));
                done = "Exported " + records.size() + " records to " + file.getFileName();
            } catch (IOException e) {
                done = "Export failed: " + e.getMessage();
            }
            String message = done;
            ui.execute(() -> {
                exportStatus.set(message);
                exporting.set(false);
            });
        });
    }

    public ObjectProperty<UsagePeriod> period() {
        return period;
    }

    public ObjectProperty<UsageTotals> totals() {
        return totals;
    }

    public StringProperty requestsText() {
        return requestsText;
    }

    public StringProperty tokensText() {
        return tokensText;
    }

    public StringProperty costText() {
        return costText;
    }

    public ObservableList<Bucket> byDay() {
        return byDay;
    }

    public ObservableList<Bucket> byProfile() {
        return byProfile;
    }

    public ObservableList<Bucket> byModel() {
        return byModel;
    }

    public BooleanProperty exporting() {
        return exporting;
    }

    public DoubleProperty exportProgress() {
        return exportProgress;
    }

    public StringProperty exportStatus() {
        return exportStatus;
    }

    public Instant now() {
        return clock.instant();
    }
}
