package io.signalbox.app.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.testing.StoreRows;
import io.signalbox.profile.Profile;
import io.signalbox.usage.Csv;
import io.signalbox.usage.UsageDb;
import io.signalbox.usage.UsageQueries;
import io.signalbox.usage.UsageReports;
import io.signalbox.usage.UsageSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage totals, breakdowns and export over a real usage store, without a display. */
class UsageViewModelTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T15:00:00Z"), UTC);
    static final Map<String, Profile> PROFILES = Map.of("work", new Profile("work", "https://gw.example", null, null,
            null, null, null, null, null, AppFixture.PRICES));

    @TempDir
    Path dir;
    UsageDb db;
    StoreUsageSource source;

    @BeforeEach
    void setUp() throws Exception {
        db = UsageDb.sqlite(dir.resolve("usage.db"));
        source = new StoreUsageSource(db, CLOCK, UTC, PROFILES::get, () -> { }, () -> 0, Runnable::run);
        at("2026-11-22T09:00:00Z", r -> r.request("work", "mock-sonnet", 1200L, 300L, 200));
        at("2026-11-21T09:00:00Z", r -> r.request("lab", "house-model-7", 500L, 100L, 200)
                .request("work", "mock-opus", 1000L, 100L, 200));
        at("2026-11-20T09:00:00Z", r -> r.request("work", "mock-sonnet", null, null, 529));
        at("2026-10-01T09:00:00Z", r -> r.request("work", "mock-sonnet", 9999L, 9999L, 200));
    }

    interface Rows {
        void add(StoreRows r);
    }

    void at(String instant, Rows rows) throws Exception {
        try (StoreRows r = new StoreRows(db, Instant.parse(instant), UTC,
                name -> Optional.ofNullable(PROFILES.get(name)))) {
            rows.add(r);
        }
    }

    UsageViewModel vm(UsageSource s) {
        return new UsageViewModel(s, CLOCK, UTC, Runnable::run, Runnable::run);
    }

    UsageSummary stored(LocalDate from, String by) {
        UsageReports reports = new UsageReports(new UsageQueries(db), CLOCK, UTC);
        return reports.summary(reports.since(from.toString()), by, PROFILES::get);
    }

    @Test
    void theTotalsOnScreenEqualTheStoresForTheChosenPeriod() {
        UsageViewModel vm = vm(source);
        UsageSummary.Group expected = stored(LocalDate.parse("2026-11-16"), "day").total();
        assertEquals(4, expected.requests());
        assertEquals(expected, vm.total().get());
        assertEquals("4", vm.requestsText().get());
        assertEquals("3,200", vm.tokensText().get());
        assertEquals("$0.0306 + ?", vm.costText().get()); // 0.0081 + 0.0225, the error costs 0, lab is unpriced
        assertEquals(7, vm.byDay().size());
        assertEquals(List.of("work", "lab"), vm.byProfile().stream().map(UsageViewModel.Bucket::label).toList());
        assertEquals(List.of("mock-sonnet", "house-model-7", "mock-opus"),
                vm.byModel().stream().map(UsageViewModel.Bucket::label).toList());
        vm.period().set(UsagePeriod.TODAY);
        assertEquals("1", vm.requestsText().get());
        assertEquals("$0.0081", vm.costText().get());
        vm.period().set(UsagePeriod.LAST_365_DAYS);
        assertEquals("5", vm.requestsText().get());
    }

    @Test
    void aModelWithoutAPriceIsCountedAsUnknownWithTheCommandThatAddsOne() {
        UsageViewModel vm = vm(source);
        assertTrue(vm.costText().get().endsWith(" + ?"));
        assertTrue(vm.unpricedText().get().startsWith("1 request has no price, so its cost"), vm.unpricedText().get());
        assertTrue(vm.unpricedText().get().contains("signalbox profile edit lab --price house-model-7="),
                vm.unpricedText().get());
    }

    @Test
    void theHintNamesEveryModelWithoutAPriceAndTheCommandThatPricesEach() throws Exception {
        at("2026-11-22T11:00:00Z", r -> r.request("work", "mystery-model", 10L, 5L, 200)
                .request("work", "mystery-model", 10L, 5L, 200).request("lab", "house-model-7", 10L, 5L, 200));
        UsageViewModel vm = vm(source);
        String hint = vm.unpricedText().get();
        assertTrue(hint.startsWith("4 requests have no price"), hint);
        assertTrue(hint.contains("No price for: house-model-7 (profile lab, 2 requests), mystery-model (profile work,"
                + " 2 requests)."), hint);
        assertTrue(hint.contains("\nsignalbox profile edit lab --price house-model-7=input:"), hint);
        assertTrue(hint.contains("\nsignalbox profile edit work --price mystery-model=input:"), hint);
        assertTrue(hint.contains("USD per million tokens"), hint);
    }

    @Test
    void exportWritesTheSameCsvAsTheUsageCommandByDay() throws Exception {
        UsageViewModel vm = vm(source);
        Path csv = dir.resolve("usage.csv");
        vm.exportCsv(csv);
        String written = Files.readString(csv, StandardCharsets.UTF_8);
        assertEquals(Csv.of(stored(LocalDate.parse("2026-11-16"), "day")), written);
        assertTrue(written.startsWith("day,requests,input_tokens,"), written);
        assertTrue(written.contains("\r\n2026-11-21,2,1500,200,"), written);
        assertEquals(1.0, vm.exportProgress().get());
        assertEquals("Exported 3 days (4 requests) to " + csv.toAbsolutePath(), vm.exportStatus().get(),
                "the message gives the full path of the file written");

        Path nowhere = dir.resolve("missing-folder").resolve("usage.csv");
        vm.exportCsv(nowhere);
        assertEquals("Export failed: the folder " + nowhere.toAbsolutePath().getParent() + " does not exist",
                vm.exportStatus().get());
    }

    @Test
    void requestsThatCouldNotBeRecordedAreCountedForTheStatusBar() {
        UsageViewModel vm = vm(new StoreUsageSource(db, CLOCK, UTC, PROFILES::get, () -> { }, () -> 3, Runnable::run));
        assertTrue(vm.lostText().get().startsWith("3 requests were served but not recorded"), vm.lostText().get());
        assertEquals("", vm(source).lostText().get());
    }

    @Test
    void newRowsInTheStoreUpdateTheTotals() throws Exception {
        UsageViewModel vm = vm(source);
        at("2026-11-22T10:00:00Z", r -> r.request("work", "mock-sonnet", 1200L, 300L, 200));
        source.changed();
        assertEquals("5", vm.requestsText().get());
        assertEquals("$0.0387 + ?", vm.costText().get());
    }
}
