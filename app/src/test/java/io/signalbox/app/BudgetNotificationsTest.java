package io.signalbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.engine.ProxyState;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.profile.Budget;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budget events of the in-process proxy become notifications and, when requests are refused, a red tray icon. */
class BudgetNotificationsTest {
    @TempDir
    Path dir;
    AppFixture f;
    AppServices s;
    /** Each notification as shown: title, a new line, text. */
    final java.util.List<String> shown = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void setUp() throws Exception {
        f = new AppFixture(dir);
        // one request on work costs $0.0081: 90 % of this budget, the second one passes 100 %
        f.signalbox.profiles().edit("work", p -> p.withUsage(p.usageOrNone().withBudget(Budget.parse("daily=0.009usd"))));
        f.startProxy();
        s = new AppServices(f.signalbox, f.proxy, io.signalbox.app.engine.ProfileSwitcher.clientConfigs(f.signalbox),
                io.signalbox.app.usage.StoreUsageSource.of(f.signalbox, f.proxy, background),
                io.signalbox.app.profiles.PreflightRunner.engine(f.signalbox.env(), f.signalbox.clock(), f.proxy::preflightVia), (title, text) -> {
                    f.notifications.add(title);
                    shown.add(title + "\n" + text);
                }, Runnable::run, background, "signalbox-app --hidden");
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
        background.shutdownNow();
        background.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aBudgetWarningAt80PercentBecomesANotification() throws Exception {
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> f.notifications.contains("Budget 80 % used: work"));
        assertEquals(ProxyState.RUNNING, f.proxy.state());
    }

    @Test
    void aHardBudgetUsedUpBecomesANotificationRefusesRequestsAndTurnsTheTrayRed() throws Exception {
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        assertEquals(200, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> f.notifications.contains("Budget used up: work — requests refused"));
        assertEquals(402, f.requestThroughProxy("claude-sonnet-4-5").statusCode());
        AppFixture.await(() -> s.tray.state().get() == ProxyState.FAILING);
        assertTrue(f.notifications.indexOf("Budget 80 % used: work")
                < f.notifications.indexOf("Budget used up: work — requests refused"));

        String refused = shown.stream().filter(n -> n.startsWith("Budget used up: work")).findFirst().orElseThrow();
        assertTrue(refused.contains("profile 'work' has used 0.0162 USD of its daily budget of 0.009 USD"), refused);
        assertTrue(refused.contains("Its requests are refused (402) until tomorrow."), refused);
        assertTrue(refused.contains("To fix: raise \u201cBudget per day\u201d of work under Profiles and Save"
                + " (or tick \u201csoft (warn only)\u201d), or run: signalbox profile edit work --budget daily=0.02usd"
                + " (or --soft-budget)"), refused);
        String warning = shown.stream().filter(n -> n.startsWith("Budget 80 % used: work")).findFirst().orElseThrow();
        assertTrue(warning.contains("If that is too low: raise \u201cBudget per day\u201d of work"), warning);
    }
}
