package io.signalbox.app.settings;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** Settings: port, mode, managed clients, failover cooldown, start at login, theme. */
public final class SettingsView {
    private final VBox root;

    public SettingsView(SettingsViewModel vm) {
        TextField port = new TextField();
        port.setId("port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.port());
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(port, false, (javafx.scene.control.Control c, String v) -> {
            String err = SettingsViewModel.portProblem(v);
            return ValidationResult.fromErrorIf(c, err == null ? "" : err, err != null);
        });

        ToggleGroup mode = new ToggleGroup();
        RadioButton proxy = new RadioButton("P_roxy — clients talk to Signalbox, keys stay in the keychain");
        RadioButton direct = new RadioButton("_Direct — clients talk to the provider");
        proxy.setToggleGroup(mode);
        direct.setToggleGroup(mode);
        proxy.setSelected(!"direct".equals(vm.mode().get()));
        direct.setSelected("direct".equals(vm.mode().get()));
        mode.selectedToggleProperty().addListener((o, a, b) -> vm.mode().set(b == direct ? "direct" : "proxy"));
        vm.mode().addListener((o, a, b) -> (("direct".equals(b)) ? direct : proxy).setSelected(true));

        CheckBox claude = new CheckBox("_Claude Code");
        claude.selectedProperty().bindBidirectional(vm.claude());
        CheckBox codex = new CheckBox("Code_x CLI");
        codex.selectedProperty().bindBidirectional(vm.codex());
        TextField cooldown = new TextField();
        cooldown.setId("failoverCooldown");
        cooldown.setPrefColumnCount(6);
        cooldown.textProperty().bindBidirectional(vm.cooldown());
        validation.registerValidator(cooldown, false, (javafx.scene.control.Control c, String v) -> {
            String err = SettingsViewModel.cooldownProblem(v);
            return ValidationResult.fromErrorIf(c, err == null ? "" : err, err != null);
        });
        Label cooldownHint = new Label("seconds a profile whose provider failed is passed over for its fallbacks"
                + " (0: never)");
        cooldownHint.getStyleClass().add("hint");
        CheckBox login = new CheckBox("Start Signalbox when I _log in");
        login.setId("startAtLogin");
        login.selectedProperty().bindBidirectional(vm.startAtLogin());
        login.setDisable(!vm.autostartSupported());
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("theme");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(vm.theme());

        GridPane g = new GridPane(12, 10);
        int r = 0;
        Label portNote = new Label();
        portNote.setId("portNote");
        portNote.getStyleClass().add("hint");
        portNote.setWrapText(true);
        portNote.setMaxWidth(560);
        portNote.textProperty().bind(vm.portNote());
        portNote.managedProperty().bind(portNote.textProperty().isNotEmpty());
        portNote.visibleProperty().bind(portNote.managedProperty());
        g.addRow(r++, label("Proxy _port", port), new VBox(4, port, portNote));
        g.addRow(r++, new Label("Mode"), new VBox(6, proxy, direct));
        g.addRow(r++, new Label("Manage"), new HBox(12, claude, codex));
        HBox cooldownRow = new HBox(8, cooldown, cooldownHint);
        cooldownRow.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        g.addRow(r++, label("_Failover cooldown", cooldown), cooldownRow);
        g.addRow(r++, new Label("Login"), login);
        g.addRow(r++, label("_Theme", theme), theme);
        Button save = new Button("_Save settings");
        save.setId("saveSettings");
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.save());
        Button revert = new Button("_Revert");
        revert.setOnAction(e -> vm.reload());
        Label message = new Label();
        message.setId("settingsMessage");
        message.textProperty().bind(vm.message());
        message.setWrapText(true);
        message.setMaxWidth(640);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label title = new Label("Settings");
        title.getStyleClass().add("section-title");
        root = new VBox(14, title, g, new HBox(8, save, revert), message);
        root.setPadding(new Insets(16));
    }

    private static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    public Node node() {
        return root;
    }
}
