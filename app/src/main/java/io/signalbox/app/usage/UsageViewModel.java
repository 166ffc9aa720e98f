package io.signalbox.app.usage;

import io.signalbox.common.SignalboxException;
import io.signalbox.usage.Csv;
import io.signalbox.usage.UsageSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
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

/**
 * Usage &amp; cost: totals and breakdowns by day, profile and model for the chosen period, read
 * from the usage store off the UI thread; CSV export in the CLI's format; the count of requests
 * that could not be recorded.
 */
public final class UsageViewModel {
    /** One bar or slice; {@code unknownCost} requests had tokens but no price (not in {@code cost}). */
    public record Bucket(String label, long requests, long tokens, BigDecimal cost, long unknownCost) {
        static Bucket of(UsageSummary.Group g) {
            return new Bucket(g.key(), g.requests(), g.totalTokens(), g.cost(), g.unknownCostRequests());
        }
    }

    /** The three groupings the screen shows, read together. */
    private record Loaded(UsageSummary byDay, UsageSummary byProfile, UsageSummary byModel, long lost) {
    }

    private final UsageSource source;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor ui;
    private final Executor background;

    private final ObjectProperty<UsagePeriod> period = new SimpleObjectProperty<>(UsagePeriod.LAST_7_DAYS);
    private final ObjectProperty<UsageSummary.Group> total = new SimpleObjectProperty<>();
    private final StringProperty requestsText = new SimpleStringProperty("0");
    private final StringProperty tokensText = new SimpleStringProperty("0");
    private final StringProperty costText = new SimpleStringProperty(Money.format(BigDecimal.ZERO));
    private final StringProperty unpricedText = new SimpleStringProperty("");
    private final StringProperty lostText = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
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
        source.onChange(this::refresh);
        refresh();
    }

    /** Re-reads the store for the chosen period (off the UI thread) and updates the screen. */
    public void refresh() {
        UsagePeriod p = period.get();
        background.execute(() -> {
            try {
                LocalDate from = p.firstDay(clock, zone);
                Loaded l = new Loaded(source.summary(from, "day"), source.summary(from, "profile"),
                        source.summary(from, "model"), source.lost());
                ui.execute(() -> show(l, from));
            } catch (SignalboxException e) {
                String text = e.getMessage() + (e.fix().isEmpty() ? "" : " — " + e.fix());
                ui.execute(() -> problem.set(text));
            }
        });
    }

    private void show(Loaded l, LocalDate from) {
        UsageSummary.Group t = l.byDay().total();
        total.set(t);
        problem.set("");
        requestsText.set(String.format("%,d", t.requests()));
        tokensText.set(String.format("%,d", t.totalTokens()));
        costText.set(Money.format(t.cost()) + (t.unknownCostRequests() > 0 ? " + ?" : ""));
        List<UsageSummary.Unpriced> unpriced = l.byDay().unpriced();
        unpricedText.set(unpricedHint(t.unknownCostRequests(), unpriced));
        long lost = Math.max(l.lost(), l.byDay().lost());
        lostText.set(lost == 0 ? "" : lost + (lost == 1 ? " request was" : " requests were")
                + " served but not recorded (usage queue overflow): the totals are low by that many");
        byDay.setAll(days(l.byDay(), from));
        byProfile.setAll(sorted(l.byProfile()));
        byModel.setAll(sorted(l.byModel()));
    }

    /**
     * Names every model without a price (with its profile and request count) and gives, for each,
     * the command that prices it — prices are set on the command line, not in the app.
     */
    static String unpricedHint(long requests, List<UsageSummary.Unpriced> found) {
        if (found.isEmpty()) {
            return "";
        }
        List<UsageSummary.Unpriced> unpriced = found.stream().sorted(Comparator.comparing(UsageSummary.Unpriced::model)
                .thenComparing(UsageSummary.Unpriced::profile)).toList();
        StringBuilder b = new StringBuilder().append(requests).append(requests == 1
                ? " request has no price, so its cost is not in the total. No price for: "
                : " requests have no price, so their cost is not in the total. No price for: ");
        for (int i = 0; i < unpriced.size(); i++) {
            UsageSummary.Unpriced u = unpriced.get(i);
            b.append(i == 0 ? "" : ", ").append(u.model().isEmpty() ? "(no model name)" : u.model())
                    .append(" (profile ").append(u.profile().isEmpty() ? "none" : u.profile()).append(", ")
                    .append(u.requests()).append(u.requests() == 1 ? " request)" : " requests)");
        }
        b.append(". Neither the bundled price table nor the profile has a price for ")
                .append(unpriced.size() == 1 ? "it" : "them")
                .append(". Add the provider's price in USD per million tokens in a terminal (the numbers below are"
                        + " an example); it applies to requests from then on, those already recorded keep an unknown"
                        + " cost:");
        unpriced.stream().map(UsageSummary.Unpriced::fix).distinct().forEach(fix -> b.append('\n').append(fix));
        return b.toString();
    }

    private List<Bucket> days(UsageSummary s, LocalDate from) {
        Map<String, Bucket> m = new TreeMap<>();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            m.put(d.toString(), new Bucket(d.toString(), 0, 0, BigDecimal.ZERO, 0));
        }
        s.groups().forEach(g -> m.put(g.key(), Bucket.of(g)));
        return List.copyOf(m.values());
    }

    private static List<Bucket> sorted(UsageSummary s) {
        return s.groups().stream().map(Bucket::of)
                .sorted(Comparator.comparingLong(Bucket::requests).reversed().thenComparing(Bucket::label)).toList();
    }

    /**
     * Writes the period's totals per day to {@code file} off the UI thread: the same RFC 4180 CSV
     * as {@code signalbox usage --csv --by day --since FIRST-DAY}.
     */
    public void exportCsv(Path file) {
        LocalDate from = period.get().firstDay(clock, zone);
        exporting.set(true);
        exportProgress.set(0);
        exportStatus.set("Exporting…");
        background.execute(() -> {
            String done;
            try {
                UsageSummary s = source.summary(from, "day");
                Files.writeString(file, Csv.of(s), StandardCharsets.UTF_8);
                done = "Exported " + s.groups().size() + " days (" + s.total().requests() + " requests) to "
                        + file.toAbsolutePath();
            } catch (java.nio.file.NoSuchFileException e) {
                done = "Export failed: the folder " + file.toAbsolutePath().getParent() + " does not exist";
            } catch (java.nio.file.AccessDeniedException e) {
                done = "Export failed: no permission to write " + file.toAbsolutePath();
            } catch (IOException | SignalboxException e) {
                done = "Export to " + file.toAbsolutePath() + " failed: " + e.getMessage();
            }
            String message = done;
            ui.execute(() -> {
                exportProgress.set(1);
                exportStatus.set(message);
                exporting.set(false);
            });
        });
    }

    public ObjectProperty<UsagePeriod> period() {
        return period;
    }

    /** The period's totals (null until the first read). */
    public ObjectProperty<UsageSummary.Group> total() {
        return total;
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

    /** Empty, or how many requests have no price and the command that adds one. */
    public StringProperty unpricedText() {
        return unpricedText;
    }

    /** Empty, or how many requests could not be recorded (for the status bar). */
    public StringProperty lostText() {
        return lostText;
    }

    /** Empty, or why the store could not be read. */
    public StringProperty problem() {
        return problem;
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
}
