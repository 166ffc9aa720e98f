package io.signalbox.app.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage totals and breakdowns, without a display. */
class UsageViewModelTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC);

    static InMemoryUsageSource sample() {
        InMemoryUsageSource s = new InMemoryUsageSource(CLOCK);
        s.add(new UsageRecord(Instant.parse("2026-11-22T09:00:00Z"), "work", "mock-sonnet", 1000L, 200L,
                new BigDecimal("0.0060"), false));
        s.add(new UsageRecord(Instant.parse("2026-11-21T09:00:00Z"), "lab", "mock-opus", 500L, 100L,
                new BigDecimal("0.0150"), false));
        s.add(new UsageRecord(Instant.parse("2026-11-20T09:00:00Z"), "work", "mock-sonnet", 300L, 0L,
                new BigDecimal("0.0010"), true));
        s.add(new UsageRecord(Instant.parse("2026-10-01T09:00:00Z"), "work", "mock-sonnet", 9999L, 9999L,
                new BigDecimal("9.99"), false));
        return s;
    }

    @Test
    void theTotalsOnScreenEqualTheSourcesForTheChosenPeriod() {
        InMemoryUsageSource source = sample();
        UsageViewModel vm = new UsageViewModel(source, CLOCK, ZoneOffset.UTC, Runnable::run, Runnable::run);
        UsageTotals expected = UsageTotals.of(source.records(UsagePeriod.LAST_7_DAYS.from(CLOCK, ZoneOffset.UTC),
                CLOCK.instant().plusSeconds(1)));
        assertEquals(3, expected.requests());
        assertEquals(expected, vm.totals().get());
        assertEquals("3", vm.requestsText().get());
        assertEquals("2,100", vm.tokensText().get());
        assertEquals("$0.0220", vm.costText().get());
        assertEquals(7, vm.byDay().size());
        assertEquals(List.of("work", "lab"), vm.byProfile().stream().map(UsageViewModel.Bucket::label).toList());
        vm.period().set(UsagePeriod.TODAY);
        assertEquals("1", vm.requestsText().get());
        vm.period().set(UsagePeriod.LAST_365_DAYS);
        assertEquals("4", vm.requestsText().get());
    }

    @Test
    void unknownTokensAndCostShowADash() {
        InMemoryUsageSource source = new InMemoryUsageSource(CLOCK);
        source.add(new UsageRecord(CLOCK.instant(), "work", "m", null, null, null, false));
        UsageViewModel vm = new UsageViewModel(source, CLOCK, ZoneOffset.UTC, Runnable::run, Runnable::run);
        assertEquals("1", vm.requestsText().get());
        assertEquals("—", vm.tokensText().get());
        assertEquals("—", vm.costText().get());
    }

    @Test
    void newRecordsUpdateTheTotals() {
        InMemoryUsageSource source = new InMemoryUsageSource(CLOCK);
        UsageViewModel vm = new UsageViewModel(source, CLOCK, ZoneOffset.UTC, Runnable::run, Runnable::run);
        source.add(new UsageRecord(CLOCK.instant(), "work", "m", 1L, 1L, BigDecimal.ONE, false));
        assertEquals("1", vm.requestsText().get());
    }

    @Test
    void exportWritesOneCsvLinePerRecordOfThePeriodAndReportsProgress(@TempDir Path dir) throws Exception {
        UsageViewModel vm = new UsageViewModel(sample(), CLOCK, ZoneOffset.UTC, Runnable::run, Runnable::run);
        Path csv = dir.resolve("usage.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(UsageCsv.HEADER, lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("2026-11-20T09:00:00Z,work,mock-sonnet,300,0,0.0010,true"), lines.get(1));
        assertEquals(1.0, vm.exportProgress().get());
        assertTrue(vm.exportStatus().get().startsWith("Exported 3 records"));
    }
}
