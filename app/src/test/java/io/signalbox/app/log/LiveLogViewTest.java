package io.signalbox.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.app.AppServices;
import io.signalbox.app.testing.AppFixture;
import io.signalbox.app.window.MainWindow;
import io.signalbox.usage.UsageRow;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live log table in the window at its default size (1100 × 720), on JavaFX's headless platform. */
@ExtendWith(ApplicationExtension.class)
class LiveLogViewTest {
    static final String MAPPING = "claude-sonnet-4-5-20250929 → deepseek-chat";
    AppFixture f;
    AppServices s;

    @Start
    void start(Stage stage) throws Exception {
        f = new AppFixture(Files.createTempDirectory("signalbox-log-view"));
        s = f.services(Platform::runLater);
        new MainWindow(s).show(stage);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theModelColumnShowsATypicalMappingUnclipped(FxRobot robot) throws Exception {
        long at = Instant.now().minusSeconds(60).toEpochMilli();
        UsageRow r = new UsageRow("0", at, "2026-11-22", "deepseek", "claude-code", "/v1/messages",
                "claude-sonnet-4-5-20250929", "deepseek-chat", "deepseek-chat", 200, null, true, true, 2300L, 340L,
                1200L, 450L, 0L, 0L, null, null, new java.math.BigDecimal("0.0011"), null, 0);
        s.log.loadHistory(List.of(r));
        TabPane tabs = robot.lookup("#tabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".table-cell").match(
                (TableCell<?, ?> c) -> MAPPING.equals(c.getText())).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        TableView<LogRow> table = robot.lookup("#logTable").query();
        TableColumn<LogRow, ?> model = table.getColumns().stream().filter(c -> c.getText().equals("Model"))
                .findFirst().orElseThrow();
        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> MAPPING.equals(c.getText()))
                .query();
        Text shown = (Text) cell.lookup(".text");
        assertNotNull(shown);
        assertEquals(MAPPING, shown.getText(), "the cell shows the whole mapping, not an ellipsis; column width "
                + model.getWidth() + " of a table " + table.getWidth() + " wide");
        for (TableColumn<LogRow, ?> c : table.getColumns()) {
            assertTrue(c.getWidth() >= c.getPrefWidth() || c == model, c.getText() + " is squeezed: " + c.getWidth());
        }
        double used = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(used <= table.getWidth(), "no horizontal scrolling at the default size: columns " + used
                + " in " + table.getWidth());
    }
}
