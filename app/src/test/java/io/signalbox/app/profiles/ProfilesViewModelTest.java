package io.signalbox.app.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.profile.Budget;
import io.signalbox.profile.Presets;
import io.signalbox.profile.UsagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile editor's ViewModel, without a display. */
class ProfilesViewModelTest {
    @TempDir
    Path dir;
    AppFixture f;
    AppServices s;
    ProfilesViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        f = new AppFixture(dir);
        s = f.services(Runnable::run);
        vm = s.profiles;
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aProfileFromAPresetNeedsANameAndSavesOnceItHasOne() {
        vm.newProfile(Presets.get("deepseek"));
        assertEquals(Presets.get("deepseek").baseUrl(), vm.baseUrl().get());
        assertTrue(vm.nameError().get().contains("is not a valid profile name"));
        assertFalse(vm.save());
        vm.name().set("deep");
        assertNull(vm.nameError().get());
        vm.key().set("sk-deepseek-secret-1234567890");
        assertTrue(vm.save());
        assertEquals("deep", f.signalbox.profiles().get("deep").name());
        assertEquals("stored", vm.keyStatus().get());
        assertEquals("", vm.key().get());
        assertTrue(s.tray.profiles().contains("deep"));
    }

    @Test
    void aBaseUrlEndingInV1IsShownOnTheBaseUrlFieldWithTheEnginesMessage() {
        vm.select("work");
        vm.baseUrl().set(f.upstream.baseUrl() + "/v1");
        assertTrue(vm.baseUrlError().get().contains("must stop before /v1"));
        assertNull(vm.nameError().get());
        vm.baseUrl().set(f.upstream.baseUrl());
        assertNull(vm.baseUrlError().get());
    }

    @Test
    void everyFieldsProblemIsShownAtOnceNotOnePerSave() {
        vm.newProfile(Presets.get("deepseek"));
        vm.name().set("no spaces allowed");
        vm.baseUrl().set("ftp://files.example");
        vm.contextWindow().set("lots");
        vm.dailyBudget().set("ten");
        assertFalse(vm.save());
        assertTrue(vm.nameError().get().contains("not a valid profile name"), vm.nameError().get());
        assertTrue(vm.baseUrlError().get().contains("must start with https://"), vm.baseUrlError().get());
        assertFalse(vm.baseUrlError().get().contains("stand-in"), vm.baseUrlError().get());
        assertTrue(vm.contextWindowError().get().contains("is not a token count"), vm.contextWindowError().get());
        assertTrue(vm.dailyBudgetError().get().contains("is not a number"), vm.dailyBudgetError().get());
        String said = vm.message().get();
        assertTrue(said.startsWith("4 problems:"), said);
        for (String each : List.of("not a valid profile name", "must start with https://", "is not a token count",
                "is not a number")) {
            assertTrue(said.contains(each), said);
        }
        assertTrue(said.contains(" — use 1–64 letters"), "each with its fix: " + said);
        assertTrue(f.signalbox.profiles().list().stream().noneMatch(p -> p.name().startsWith("no ")));
    }

    @Test
    void aNewProfileStartsFromThePickedPresetNeverFromTheOneOnScreen() {
        vm.newProfile(Presets.get("deepseek"));
        vm.name().set("deep");
        vm.key().set("sk-deepseek-typed-key-123456");
        assertTrue(vm.save());
        vm.select("deep");
        assertNull(vm.preset().get(), "the picker does not follow the stored profile's preset");
        assertEquals("deepseek", f.signalbox.profiles().get("deep").preset(), "the profile keeps its preset");
        vm.save();
        assertEquals("deepseek", f.signalbox.profiles().get("deep").preset());
    }

    @Test
    void aDuplicateNameIsReportedOnTheNameField() {
        vm.newProfile(Presets.get("anthropic"));
        vm.name().set("WORK");
        assertFalse(vm.save());
        assertTrue(vm.nameError().get().contains("already exists"));
    }

    @Test
    void theStoredKeyIsNeverLoadedIntoTheEditor() throws Exception {
        vm.select("work");
        assertEquals("", vm.key().get());
        assertEquals("stored", vm.keyStatus().get());
        f.signalbox.secrets().delete("lab");
        vm.select("lab");
        assertEquals("missing", vm.keyStatus().get());
        String everything = vm.message().get() + vm.name().get() + vm.baseUrl().get() + vm.notes().get();
        assertFalse(everything.contains("sk-mock"));
        assertTrue(Files.exists(f.signalbox.home()));
    }

    @Test
    void editingTheModelMapAndRenamingKeepsTheKeyAndTheActiveProfile() {
        vm.select("work");
        vm.modelSlots().get(0).model().set("bigger-model");
        vm.name().set("office");
        assertTrue(vm.save());
        assertEquals("bigger-model", f.signalbox.profiles().get("office").models().opus());
        assertTrue(f.signalbox.secrets().has("office"));
        assertEquals("office", f.signalbox.settings().load().activeProfile());
    }

    @Test
    void renamingAProfileClaudeCodeIsPinnedToPointsItAtTheNewRouteAndSaysSo() throws Exception {
        f.signalbox.profiles().add(new io.signalbox.profile.Profile("oai", f.upstream.baseUrl() + "/v1",
                io.signalbox.profile.ApiFormat.OPENAI_RESPONSES, io.signalbox.profile.AuthStyle.BEARER,
                io.signalbox.profile.ModelMap.EMPTY, null, null, null, null));
        var switcher = new io.signalbox.client.Switcher(f.signalbox);
        switcher.use("lab", io.signalbox.client.SwitchMode.PROXY, List.of("claude"), true);
        switcher.use("oai", io.signalbox.client.SwitchMode.PROXY, List.of("codex"), true);
        Path settings = f.signalbox.env().claudeConfigDir().resolve("settings.json");
        String root = "http://127.0.0.1:" + f.signalbox.settings().port();
        assertTrue(Files.readString(settings).contains("\"" + root + "/p/lab\""), Files.readString(settings));

        vm.select("lab");
        vm.name().set("lab2");
        assertTrue(vm.save());

        assertTrue(Files.readString(settings).contains("\"" + root + "/p/lab2\""), Files.readString(settings));
        assertTrue(vm.message().get().startsWith("Saved lab2. claude: Claude Code now reaches 'lab2' through "
                + root + "/p/lab2"), vm.message().get());
    }

    @Test
    void theContextWindowComesFromThePresetIsValidatedOnItsFieldAndSaved() {
        vm.newProfile(Presets.get("deepseek"));
        assertEquals("128000", vm.contextWindow().get());
        vm.name().set("deep");
        vm.contextWindow().set("12x");
        assertTrue(vm.contextWindowError().get().contains("is not a token count"), vm.contextWindowError().get());
        assertNull(vm.nameError().get());
        assertFalse(vm.save());
        vm.contextWindow().set("64k");
        assertNull(vm.contextWindowError().get());
        assertTrue(vm.save(), vm.message().get());
        assertEquals(64000, f.signalbox.profiles().get("deep").contextWindow());

        vm.select("deep");
        assertEquals("64000", vm.contextWindow().get());
        vm.contextWindow().set("");
        assertTrue(vm.save(), vm.message().get());
        assertNull(f.signalbox.profiles().get("deep").contextWindow(), "blank: unknown");
    }

    @Test
    void theOutputCapIsValidatedOnItsFieldSavedAndKeptByEditsOfOtherFields() {
        vm.select("work");
        assertEquals("", vm.maxOutput().get());
        vm.maxOutput().set("lots");
        assertTrue(vm.maxOutputError().get().contains("output cap 'lots' is not a token count"),
                vm.maxOutputError().get());
        assertNull(vm.contextWindowError().get(), "the error is on its own field");
        assertFalse(vm.save());
        vm.maxOutput().set("100");
        assertTrue(vm.maxOutputError().get().contains("is not plausible"), vm.maxOutputError().get());
        vm.maxOutput().set("8k");
        assertNull(vm.maxOutputError().get());
        assertTrue(vm.save(), vm.message().get());
        assertEquals(8000, f.signalbox.profiles().get("work").maxOutputTokens());

        vm.select("work");
        assertEquals("8000", vm.maxOutput().get());
        vm.notes().set("edited elsewhere in the form");
        assertTrue(vm.save(), vm.message().get());
        assertEquals(8000, f.signalbox.profiles().get("work").maxOutputTokens(), "another edit keeps the cap");
        vm.maxOutput().set("");
        assertTrue(vm.save(), vm.message().get());
        assertNull(f.signalbox.profiles().get("work").maxOutputTokens(), "blank: none");
    }

    @Test
    void fallbacksAreTypedAsNamesCheckedOnTheirFieldAndSavedInOrder() {
        vm.select("work");
        assertEquals("", vm.fallbacks().get());
        vm.fallbacks().set("nope");
        assertTrue(vm.save() == false && vm.fallbacksError().get().contains("fallback 'nope' is not a profile"),
                vm.fallbacksError().get() + " / " + vm.message().get());
        vm.fallbacks().set("work");
        assertTrue(vm.fallbacksError().get().contains("cannot be its own fallback"), vm.fallbacksError().get());
        vm.fallbacks().set(" lab ");
        assertNull(vm.fallbacksError().get());
        assertTrue(vm.save(), vm.message().get());
        assertEquals(java.util.List.of("lab"), f.signalbox.profiles().get("work").fallbacks());
        vm.select("work");
        assertEquals("lab", vm.fallbacks().get());
        vm.fallbacks().set("");
        assertTrue(vm.save(), vm.message().get());
        assertEquals(java.util.List.of(), f.signalbox.profiles().get("work").fallbacks());
    }

    @Test
    void theThinkingModeIsEditedAndSaved() {
        vm.select("work");
        assertEquals(io.signalbox.profile.ThinkingMode.PASS, vm.thinking().get());
        vm.thinking().set(io.signalbox.profile.ThinkingMode.ENABLED);
        assertTrue(vm.save(), vm.message().get());
        assertEquals(io.signalbox.profile.ThinkingMode.ENABLED, f.signalbox.profiles().get("work").thinking());
        vm.select("lab");
        assertEquals(io.signalbox.profile.ThinkingMode.PASS, vm.thinking().get());
        vm.select("work");
        assertEquals(io.signalbox.profile.ThinkingMode.ENABLED, vm.thinking().get());
    }

    @Test
    void budgetFieldsAreValidatedAndSavedWithTheProfileKeepingItsPrices() {
        vm.select("work");
        assertEquals("", vm.dailyBudget().get());
        vm.dailyBudget().set("five");
        assertTrue(vm.dailyBudgetError().get().contains("is not a number"), vm.dailyBudgetError().get());
        assertFalse(vm.isValid());
        assertFalse(vm.save());
        assertTrue(vm.message().get().startsWith("Daily budget"), vm.message().get());
        vm.dailyBudget().set("0");
        assertTrue(vm.dailyBudgetError().get().contains("more than 0"));
        vm.dailyBudget().set("5.50");
        assertNull(vm.dailyBudgetError().get());
        vm.monthlyBudgetUnit().set(Budget.Unit.TOKENS);
        vm.monthlyBudget().set("1.5");
        assertTrue(vm.monthlyBudgetError().get().contains("whole numbers"));
        vm.monthlyBudget().set("2000000");
        assertNull(vm.monthlyBudgetError().get());
        vm.softBudget().set(true);
        assertTrue(vm.save(), vm.message().get());

        UsagePolicy stored = f.signalbox.profiles().get("work").usageOrNone();
        assertEquals(List.of(Budget.parse("daily=5.5usd"), Budget.parse("monthly=2000000tokens")), stored.budgets());
        assertTrue(stored.soft());
        assertEquals(AppFixture.PRICES.prices(), stored.prices());

        vm.select("lab");
        assertEquals("", vm.dailyBudget().get());
        assertFalse(vm.softBudget().get());
        vm.select("work");
        assertEquals("5.5", vm.dailyBudget().get());
        assertEquals(Budget.Unit.USD, vm.dailyBudgetUnit().get());
        assertEquals("2000000", vm.monthlyBudget().get());
        assertEquals(Budget.Unit.TOKENS, vm.monthlyBudgetUnit().get());
        assertTrue(vm.softBudget().get());
        assertTrue(vm.budgetHint().get().contains("--price"), vm.budgetHint().get());
    }

    @Test
    void emptyingTheBudgetFieldsRemovesTheBudgetsButKeepsOnesOnlyTheCliShows() {
        f.signalbox.profiles().edit("work", p -> p.withUsage(p.usageOrNone().withBudget(Budget.parse("daily=5usd"))
                .withBudget(Budget.parse("daily=100000tokens"))));
        vm.select("work");
        assertEquals("5", vm.dailyBudget().get());
        assertTrue(vm.budgetHint().get().contains("1 more budget(s)"), vm.budgetHint().get());
        vm.dailyBudget().set("");
        assertTrue(vm.save());
        assertEquals(List.of(Budget.parse("daily=100000tokens")),
                f.signalbox.profiles().get("work").usageOrNone().budgets());
    }

    @Test
    void theTestRunsThePreflightAndListsEveryStepAgainstTheMockProvider() {
        PreflightViewModel preflight = new PreflightViewModel(f.signalbox,
                PreflightRunner.engine(f.signalbox.env(), f.signalbox.clock(), f.proxy::preflightVia), Runnable::run, Runnable::run);
        preflight.test("work");
        assertEquals(java.util.List.of("profile and key", "DNS lookup", "TCP connect", "TLS handshake",
                "models list (auth check)", "1-token request", "1-token streamed request", "Claude Code's max_tokens",
                "Claude Code's adaptive thinking"),
                preflight.steps().stream().map(PreflightViewModel.StepRow::step).toList());
        assertTrue(preflight.summary().get().startsWith("✓ work works"), preflight.summary().get());
        assertFalse(preflight.running().get());
    }

    private void awaitTest() {
        try {
            AppFixture.await(() -> !s.preflight.running().get());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withTheProxyRunningTheTestEndsWithARequestThroughItAsSignalboxTestDoes() {
        f.startProxy();
        s.preflight.test("work");
        awaitTest();
        PreflightViewModel.StepRow last = s.preflight.steps().getLast();
        assertEquals("request through the local proxy", last.step());
        assertEquals("✓", last.mark());
        assertTrue(s.preflight.summary().get().startsWith("✓ work works"), s.preflight.summary().get());
    }

    @Test
    void aProfileWhoseBudgetIsUsedUpFailsTheTestAtTheProxyStepInsteadOfPassing() throws Exception {
        f.signalbox.profiles().edit("work", p -> p.withUsage(p.usageOrNone().withBudget(
                io.signalbox.profile.Budget.parse("daily=1000tokens"))));
        f.startProxy();
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode()); // 1,500 tokens: over
        f.proxy.flushUsage();
        assertEquals(402, f.requestThroughProxy("claude-sonnet-4-5").statusCode(), "the proxy refuses now");
        s.preflight.test("work");
        awaitTest();
        PreflightViewModel.StepRow last = s.preflight.steps().getLast();
        assertEquals("request through the local proxy", last.step());
        assertEquals("✗", last.mark(), last.toString());
        assertTrue(s.preflight.summary().get().startsWith("✗ work: "), s.preflight.summary().get());
        assertTrue(s.preflight.summary().get().toLowerCase(java.util.Locale.ROOT).contains("budget"),
                s.preflight.summary().get());
    }

    @Test
    void theTestResultFollowsTheSelectedProfileAndNeverStandsUnderAnotherOne() {
        s.preflight.test("work");
        awaitTest();
        assertEquals("work", s.preflight.shown().get());
        vm.select("lab");
        assertEquals("lab", s.preflight.shown().get());
        assertTrue(s.preflight.steps().isEmpty(), "work's steps are not shown under lab");
        assertEquals("lab has not been tested yet.", s.preflight.summary().get());
        vm.select("work");
        assertFalse(s.preflight.steps().isEmpty(), "work's last result comes back from preflight.json");
        assertTrue(s.preflight.summary().get().startsWith("Last test, "), s.preflight.summary().get());
        assertTrue(s.preflight.summary().get().contains("✓ work works"), s.preflight.summary().get());
    }

    @Test
    void testingTheActiveProfileFromTheTrayEndsWithANotificationOfTheOutcome() {
        f.signalbox.secrets().put("work", "sk-wrong-000000000000000000");
        s.tray.testActive();
        awaitTest();
        assertEquals(java.util.List.of("Test failed: work"), f.notifications);
        assertTrue(s.preflight.summary().get().contains("fix: "), s.preflight.summary().get());
        assertFalse(s.preflight.summary().get().contains("sk-wrong"), s.preflight.summary().get());
    }

    @Test
    void aWrongKeyEndsThePreflightAtTheAuthCheckWithAFix() {
        f.signalbox.secrets().put("lab", "sk-wrong-000000000000000000");
        PreflightViewModel preflight = new PreflightViewModel(f.signalbox,
                PreflightRunner.engine(f.signalbox.env(), f.signalbox.clock(), f.proxy::preflightVia), Runnable::run, Runnable::run);
        preflight.test("lab");
        PreflightViewModel.StepRow last = preflight.steps().getLast();
        assertEquals("✗", last.mark());
        assertEquals("models list (auth check)", last.step());
        assertFalse(preflight.summary().get().contains("sk-wrong"));
    }

    @Test
    void deleteAsksFirstAndOnlyASecondPressOnTheSameProfileDeletesIt() {
        vm.select("lab");
        assertFalse(vm.delete(), "one press only asks");
        assertTrue(f.signalbox.profiles().list().stream().anyMatch(p -> p.name().equals("lab")));
        assertTrue(f.signalbox.secrets().has("lab"));
        assertTrue(vm.message().get().contains("Press Delete again"), vm.message().get());
        assertEquals("lab", vm.deleteArmed().get());

        vm.select("work");
        assertNull(vm.deleteArmed().get(), "selecting another profile withdraws the question");
        assertFalse(vm.delete());
        assertTrue(f.signalbox.profiles().list().stream().anyMatch(p -> p.name().equals("work")), "asked, not deleted");
        vm.select("lab");
        assertFalse(vm.delete());
        assertTrue(vm.delete(), "the second press on the same profile deletes it");
        assertTrue(f.signalbox.profiles().list().stream().noneMatch(p -> p.name().equals("lab")));
        assertFalse(f.signalbox.secrets().has("lab"));
        assertTrue(vm.message().get().startsWith("Deleted lab"), vm.message().get());
    }
}
