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

    @BeforeEach
    void setUp() throws Exception {
        f = new AppFixture(dir);
        // one request on work costs $0.0081: 90 % of this budget, the second one passes 100 %
        f.signalbox.profiles().edit("work", p -> p.withUsage(p.usageOrNone().withBudget(Budget.parse("daily=0.009usd"))));
        f.startProxy();
        s = f.services(Runnable::run);
    }

    @AfterEach
    void tearDown() {
        f.close();
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
    }
}
