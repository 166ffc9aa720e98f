package io.signalbox.app.profiles;

import io.signalbox.app.profiles.ProfileForm.Field;
import io.signalbox.app.tray.TrayMenuModel;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Budget;
import io.signalbox.profile.Preset;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/** The Profiles screen: list on the left, editor and test results on the right. */
public final class ProfilesView {
    private final ProfilesViewModel vm;
    private final PreflightViewModel preflight;
    private final TrayMenuModel tray;
    private final ValidationSupport validation = new ValidationSupport();
    private final ListView<String> list = new ListView<>();
    private final TextField name = new TextField();
    private final SplitPane root;

    public ProfilesView(ProfilesViewModel vm, PreflightViewModel preflight, TrayMenuModel tray) {
        this.vm = vm;
        this.preflight = preflight;
        this.tray = tray;
        VBox right = new VBox(12, editor(), new PreflightPanel(preflight).node());
        right.setPadding(new Insets(12));
        // a small window scrolls instead of squeezing the model map and the test steps
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(right);
        scroll.setId("profileEditorScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        root = new SplitPane(left(), scroll);
        root.setDividerPositions(0.24);
        // the list shows which profile the editor holds (also after saving a new one)
        vm.editing().addListener((o, a, b) -> selectInList(b));
        selectInList(vm.editing().get());
    }

    public Node node() {
        return root;
    }

    private void selectInList(String profile) {
        if (profile == null) {
            list.getSelectionModel().clearSelection();
        } else if (!profile.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(profile);
        }
    }

    public ValidationSupport validation() {
        return validation;
    }

    /** Ctrl+N: a new profile from the chosen preset (or the first one). */
    public void newProfile() {
        vm.newProfile(vm.preset().get() != null ? vm.preset().get() : vm.presets().getFirst());
        list.getSelectionModel().clearSelection();
        name.requestFocus();
    }

    /** Ctrl+T: test the profile in the editor (saved first when it has changes). */
    public void test() {
        if (vm.editing().get() == null && !vm.save()) {
            return;
        }
        preflight.test(vm.editing().get());
    }

    private Node left() {
        list.setId("profileList");
        list.setItems(vm.names());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean active = !empty && item != null && item.equalsIgnoreCase(String.valueOf(tray.checkedProfile().get()));
                setText(empty || item == null ? null : active ? item + "   ● active" : item);
            }
        });
        tray.checkedProfile().addListener((o, a, b) -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(vm.editing().get())) {
                vm.select(b);
            }
        });
        Button use = button("_Use this profile", "use", () -> tray.switchTo(vm.editing().get()));
        use.disableProperty().bind(vm.editing().isNull());
        Label title = new Label("_Profiles");
        title.setLabelFor(list);
        title.setMnemonicParsing(true);
        title.getStyleClass().add("section-title");
        VBox box = new VBox(8, title, list, use);
        use.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node editor() {
        ComboBox<Preset> presets = new ComboBox<>(vm.presets());
        presets.setId("presetPicker");
        presets.setPromptText("choose a preset for a new profile");
        presets.valueProperty().bindBidirectional(vm.preset());
        presets.setConverter(new StringConverter<>() {
            @Override
            public String toString(Preset p) {
                return p == null ? "" : p.displayName();
            }

            @Override
            public Preset fromString(String s) {
                return null;
            }
        });
        Button add = button("_New from preset", "newProfile", this::newProfile);

        name.setId("name");
        name.textProperty().bindBidirectional(vm.name());
        TextField baseUrl = new TextField();
        baseUrl.setId("baseUrl");
        baseUrl.textProperty().bindBidirectional(vm.baseUrl());
        ComboBox<ApiFormat> format = new ComboBox<>();
        format.getItems().setAll(ApiFormat.values());
        format.valueProperty().bindBidirectional(vm.format());
        format.setConverter(idConverter(ApiFormat::id, ApiFormat::parse));
        ComboBox<AuthStyle> auth = new ComboBox<>();
        auth.getItems().setAll(AuthStyle.values());
        auth.valueProperty().bindBidirectional(vm.auth());
        auth.setConverter(idConverter(AuthStyle::id, AuthStyle::parse));
        CheckBox keyRequired = new CheckBox("needs a _key");
        keyRequired.selectedProperty().bindBidirectional(vm.keyRequired());
        PasswordField key = new PasswordField();
        key.setId("key");
        key.setPromptText("paste a new key to store it");
        key.textProperty().bindBidirectional(vm.key());
        Label keyStatus = new Label();
        keyStatus.setId("keyStatus");
        keyStatus.textProperty().bind(Bindings.concat("key: ", vm.keyStatus()));

        validation.registerValidator(name, false, (javafx.scene.control.Control c, String v) -> result(c, Field.NAME));
        validation.registerValidator(baseUrl, false, (javafx.scene.control.Control c, String v) -> result(c, Field.BASE_URL));
        vm.nameError().addListener((o, a, b) -> validation.revalidate());
        vm.baseUrlError().addListener((o, a, b) -> validation.revalidate());

        TextField contextWindow = validatedField("contextWindow", vm.contextWindow(), Field.CONTEXT_WINDOW,
                vm.contextWindowError());
        contextWindow.setPromptText("unknown");
        contextWindow.setTooltip(new Tooltip("The mapped models' context window in tokens (128k, 200000, 1m)."
                + " Claude Code does not know a provider's models; with it, it compacts in time."));
        TextField maxOutput = validatedField("maxOutput", vm.maxOutput(), Field.MAX_OUTPUT, vm.maxOutputError());
        maxOutput.setTooltip(new Tooltip("The largest answer the mapped models give, in tokens (8k, 8192)."
                + " Claude Code asks for 32,000 or more, which such a provider refuses; the proxy lowers it."));
        TextField fallbacks = validatedField("fallbacks", vm.fallbacks(), Field.FALLBACKS, vm.fallbacksError());
        fallbacks.setPrefColumnCount(14);
        fallbacks.setTooltip(new Tooltip("Other profiles, in order, that take this profile's requests when its provider"
                + " cannot: unreachable, overloaded (5xx), rate-limited (429) or over a hard budget."));
        TextField daily = validatedField("dailyBudget", vm.dailyBudget(), Field.DAILY_BUDGET, vm.dailyBudgetError());
        TextField monthly = validatedField("monthlyBudget", vm.monthlyBudget(), Field.MONTHLY_BUDGET,
                vm.monthlyBudgetError());
        ComboBox<Budget.Unit> dailyUnit = unitPicker("dailyBudgetUnit", vm.dailyBudgetUnit());
        ComboBox<Budget.Unit> monthlyUnit = unitPicker("monthlyBudgetUnit", vm.monthlyBudgetUnit());
        CheckBox soft = new CheckBox("s_oft (warn only)");
        soft.setId("softBudget");
        soft.selectedProperty().bindBidirectional(vm.softBudget());
        soft.setTooltip(new Tooltip("Soft: over a budget requests still pass and you get a warning."
                + " Otherwise they are refused (HTTP 402) until the next day or month."));
        Label budgetHint = new Label();
        budgetHint.setId("budgetHint");
        budgetHint.setWrapText(true);
        budgetHint.setMaxWidth(640);
        budgetHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        budgetHint.getStyleClass().add("hint");
        budgetHint.textProperty().bind(vm.budgetHint());

        GridPane g = new GridPane(10, 8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        int r = 0;
        g.addRow(r++, label("Pr_eset", presets), new HBox(8, presets, add));
        g.addRow(r++, label("_Name", name), name);
        g.addRow(r++, label("_Base URL", baseUrl), baseUrl);
        g.addRow(r++, label("API _format", format), new HBox(8, format, label("_Auth", auth), auth, keyRequired));
        g.addRow(r++, label("API ke_y", key), new HBox(8, key, keyStatus));
        g.addRow(r++, label("_Models", null), modelTable());
        ComboBox<io.signalbox.profile.ThinkingMode> thinking = new ComboBox<>();
        thinking.setId("thinking");
        thinking.getItems().setAll(io.signalbox.profile.ThinkingMode.values());
        thinking.valueProperty().bindBidirectional(vm.thinking());
        thinking.setConverter(idConverter(io.signalbox.profile.ThinkingMode::id, io.signalbox.profile.ThinkingMode::parse));
        thinking.setTooltip(new Tooltip("Claude Code sends adaptive thinking for models it does not know; a provider"
                + " that refuses it (Test says so) needs 'enabled' (with a token budget) or 'off'."));
        g.addRow(r++, label("Conte_xt window", contextWindow), new HBox(8, contextWindow,
                hint("tokens, for Claude Code (CLAUDE_CODE_MAX_CONTEXT_TOKENS); blank: unknown")));
        g.addRow(r++, label("Output _limit", maxOutput), new HBox(8, maxOutput,
                hint("tokens; a larger max_tokens is lowered to it (CLAUDE_CODE_MAX_OUTPUT_TOKENS); blank: none")));
        g.addRow(r++, label("Fallba_cks", fallbacks), new HBox(8, fallbacks,
                hint("other profiles, tried in order when this one's provider is down or rate-limited")));
        g.addRow(r++, label("Th_inking", thinking), new HBox(8, thinking,
                hint("how the proxy sends Claude Code's adaptive thinking: pass, enabled (with a budget) or off")));
        g.addRow(r++, label("Bud_get per day", daily), new HBox(8, daily, dailyUnit, label("per mont_h", monthly),
                monthly, monthlyUnit, soft));
        g.add(budgetHint, 1, r++);
        HBox.setHgrow(key, Priority.ALWAYS);
        GridPane.setHgrow(name, Priority.ALWAYS);

        Button save = button("_Save", "save", vm::save);
        Button test = button("_Test", "test", this::test);
        test.disableProperty().bind(preflight.running());
        Button delete = button("_Delete", "delete", vm::delete);
        delete.disableProperty().bind(vm.editing().isNull());
        vm.deleteArmed().addListener((o, a, b) -> delete.setText(b == null ? "_Delete" : "Confirm _delete"));
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        message.textProperty().bind(vm.message());
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMaxWidth(760);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        return new VBox(10, g, new HBox(8, save, test, delete), message);
    }

    /** A short text field bound to {@code value}, showing the message of {@code error} (blank: "none"). */
    private TextField validatedField(String id, javafx.beans.property.StringProperty value, Field field,
            javafx.beans.property.StringProperty error) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        f.setPromptText("none");
        f.textProperty().bindBidirectional(value);
        validation.registerValidator(f, false, (javafx.scene.control.Control c, String v) -> result(c, field));
        error.addListener((o, a, b) -> validation.revalidate());
        return f;
    }

    private static ComboBox<Budget.Unit> unitPicker(String id, javafx.beans.property.ObjectProperty<Budget.Unit> unit) {
        ComboBox<Budget.Unit> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(Budget.Unit.values());
        c.valueProperty().bindBidirectional(unit);
        c.setConverter(idConverter(u -> u == Budget.Unit.USD ? "USD" : "tokens", s -> s.equals("USD")
                ? Budget.Unit.USD : Budget.Unit.TOKENS));
        return c;
    }

    private ValidationResult result(javafx.scene.control.Control c, Field f) {
        String err = vm.errorFor(f);
        return ValidationResult.fromErrorIf(c, err == null ? "" : err, err != null);
    }

    private TableView<ProfileForm.ModelSlot> modelTable() {
        TableView<ProfileForm.ModelSlot> t = new TableView<>();
        t.setId("modelMap");
        t.setEditable(true);
        t.getItems().setAll(vm.modelSlots());
        TableColumn<ProfileForm.ModelSlot, String> slot = new TableColumn<>("Claude Code asks for");
        slot.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().slot()));
        TableColumn<ProfileForm.ModelSlot, String> model = new TableColumn<>("Provider model");
        model.setCellValueFactory(c -> c.getValue().model());
        model.setCellFactory(TextFieldTableCell.forTableColumn());
        model.setOnEditCommit(e -> e.getRowValue().model().set(e.getNewValue()));
        model.setEditable(true);
        slot.setPrefWidth(170);
        model.setPrefWidth(300);
        t.getColumns().add(slot);
        t.getColumns().add(model);
        // every slot visible at once: five rows and the header, never squeezed
        t.setFixedCellSize(26);
        t.setPrefHeight(26 * vm.modelSlots().size() + 32);
        t.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        t.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        return l;
    }

    static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setMnemonicParsing(true);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static Button button(String text, String id, java.util.function.BooleanSupplier action) {
        return button(text, id, () -> {
            action.getAsBoolean();
        });
    }

    /** Shows an enum by the id users type on the command line (anthropic, x-api-key), not its Java name. */
    private static <T> javafx.util.StringConverter<T> idConverter(java.util.function.Function<T, String> id,
            java.util.function.Function<String, T> parse) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : id.apply(value);
            }

            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }
        };
    }
}
