package io.signalbox.app.profiles;

import io.signalbox.Signalbox;
import io.signalbox.app.profiles.ProfileForm.Field;
import io.signalbox.client.Switcher;
import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.Budget;
import io.signalbox.profile.Preset;
import io.signalbox.profile.Presets;
import io.signalbox.profile.Profile;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Profiles screen: the list, the editor (from a preset or an existing profile), field
 * validation with the engine's own messages, the key (write-only: the screen only ever says
 * "stored" or "missing"), save, delete and "use".
 */
public final class ProfilesViewModel {
    private final Signalbox signalbox;
    private final ProfileForm form = new ProfileForm();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<Preset> presets = FXCollections.observableArrayList(Presets.all());
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
    /** The stored profile being edited; null while a new one is being made. */
    private final StringProperty editing = new SimpleStringProperty();
    private final StringProperty deleteArmed = new SimpleStringProperty();
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty keyStatus = new SimpleStringProperty("missing");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty nameError = new SimpleStringProperty();
    private final StringProperty baseUrlError = new SimpleStringProperty();
    private final StringProperty dailyBudgetError = new SimpleStringProperty();
    private final StringProperty contextWindowError = new SimpleStringProperty();
    private final StringProperty maxOutputError = new SimpleStringProperty();
    private final StringProperty fallbacksError = new SimpleStringProperty();
    private final StringProperty monthlyBudgetError = new SimpleStringProperty();
    private final StringProperty budgetHint = new SimpleStringProperty("");
    private final java.util.function.Consumer<String> afterChange;

    public ProfilesViewModel(Signalbox signalbox, java.util.function.Consumer<String> afterChange) {
        this.signalbox = signalbox;
        this.afterChange = afterChange;
        for (StringProperty p : List.of(form.name, form.baseUrl, form.contextWindow, form.maxOutput, form.fallbacks, form.budget.daily,
                form.budget.monthly)) {
            p.addListener((o, a, b) -> revalidate());
        }
        form.format.addListener((o, a, b) -> revalidate());
        form.budget.dailyUnit.addListener((o, a, b) -> revalidate());
        form.budget.monthlyUnit.addListener((o, a, b) -> revalidate());
        editing.addListener((o, a, b) -> deleteArmed.set(null));
        reload();
        if (!names.isEmpty()) {
            select(names.getFirst());
        } else {
            newProfile(Presets.find("anthropic").orElse(presets.getFirst()));
        }
    }

    public void reload() {
        names.setAll(signalbox.profiles().list().stream().map(Profile::name).toList());
    }

    /** Loads a stored profile into the editor. */
    public void select(String name) {
        if (name == null) {
            return;
        }
        Profile p = signalbox.profiles().get(name);
        form.load(p);
        editing.set(p.name());
        // the picker chooses what a new profile starts from; it does not follow the stored profile,
        // or Ctrl+N would quietly copy the preset of whatever profile was on screen
        preset.set(null);
        key.set("");
        keyStatus.set(keyStatusOf(p));
        message.set("");
        revalidate();
    }

    /** Starts a new profile from {@code preset}; the name is left for the user to fill in. */
    public void newProfile(Preset from) {
        Preset p = from == null ? Presets.get("custom") : from;
        form.load(p.toProfile(""));
        editing.set(null);
        preset.set(p);
        key.set("");
        keyStatus.set(p.needsKey() ? "missing" : "not needed");
        message.set("New profile from the " + p.displayName() + " preset: give it a name"
                + (p.needsKey() ? " and a key." : "."));
        revalidate();
    }

    /** Saves the editor; on a problem shows it on the field and returns false. */
    public boolean save() {
        deleteArmed.set(null);
        List<SignalboxException> problems = form.problems();
        if (!problems.isEmpty()) {
            // every field's problem at once, each on its field and all of them in the message
            revalidate();
            message.set((problems.size() == 1 ? "" : problems.size() + " problems:\n") + String.join("\n",
                    problems.stream().map(e -> e.getMessage() + (e.fix().isEmpty() ? "" : " — " + e.fix())).toList()));
            key.set("");
            return false;
        }
        Profile p;
        List<Switcher.Outcome> repointed = List.of();
        try {
            p = form.build();
        } catch (SignalboxException e) {
            showProblem(e);
            key.set("");
            return false;
        }
        try {
            p.validate();
            if (editing.get() == null) {
                signalbox.profiles().add(p);
            } else {
                String old = editing.get();
                signalbox.profiles().edit(old, q -> p);
                if (!old.equals(p.name())) {
                    signalbox.secrets().rename(old, p.name());
                    if (old.equalsIgnoreCase(String.valueOf(signalbox.settings().load().activeProfile()))) {
                        signalbox.settings().update(s -> s.withActiveProfile(p.name()));
                    }
                    repointed = new Switcher(signalbox).renamed(old, p);
                }
            }
            if (!key.get().isBlank()) {
                signalbox.secrets().put(p.name(), key.get().strip());
            }
        } catch (SignalboxException e) {
            showProblem(e);
            return false;
        } finally {
            key.set("");
        }
        reload();
        editing.set(p.name());
        preset.set(null); // the editor holds a stored profile now: Ctrl+N starts afresh
        keyStatus.set(keyStatusOf(p));
        StringBuilder saved = new StringBuilder("Saved " + p.name() + ".");
        for (Switcher.Outcome o : repointed) {
            saved.append(' ').append(o.client()).append(": ").append(o.note()).append('.');
        }
        message.set(saved.toString());
        afterChange.accept(p.name());
        return true;
    }

    /** The profile whose Delete was pressed once: a second press deletes it (one stray key press cannot). */
    public javafx.beans.property.ReadOnlyStringProperty deleteArmed() {
        return deleteArmed;
    }

    /**
     * Delete takes two presses: the first only asks (a focused Delete button and one Space must not
     * remove a profile and its key); selecting, saving or editing another profile withdraws the question.
     */
    public boolean delete() {
        String name = editing.get();
        if (name == null) {
            return false;
        }
        if (!name.equals(deleteArmed.get())) {
            deleteArmed.set(name);
            message.set("Delete " + name + " and its stored key? Press Delete again to confirm.");
            return false;
        }
        deleteArmed.set(null);
        signalbox.profiles().remove(name);
        try {
            // as `signalbox profile remove`: a direct-mode use left the key in client-file backups
            signalbox.backups().redact(signalbox.secrets().get(name).orElse(null));
        } catch (SignalboxException | java.io.IOException e) {
            // the key itself is deleted below; the backups are only a leftover
        }
        signalbox.secrets().delete(name);
        reload();
        afterChange.accept(null);
        if (!names.isEmpty()) {
            select(names.getFirst());
        } else {
            newProfile(null);
        }
        message.set("Deleted " + name + " and its stored key.");
        return true;
    }

    private String keyStatusOf(Profile p) {
        if (!p.needsKey() && !signalbox.secrets().has(p.name())) {
            return "not needed";
        }
        try {
            return signalbox.secrets().has(p.name()) ? "stored" : "missing";
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }

    private void revalidate() {
        nameError.set(form.errorFor(Field.NAME));
        baseUrlError.set(form.errorFor(Field.BASE_URL));
        contextWindowError.set(form.errorFor(Field.CONTEXT_WINDOW));
        maxOutputError.set(form.errorFor(Field.MAX_OUTPUT));
        fallbacksError.set(form.errorFor(Field.FALLBACKS));
        dailyBudgetError.set(form.errorFor(Field.DAILY_BUDGET));
        monthlyBudgetError.set(form.errorFor(Field.MONTHLY_BUDGET));
        budgetHint.set(hint());
    }

    private void showProblem(SignalboxException e) {
        Field f = ProfileForm.fieldOf(e.getMessage());
        if (f == Field.NAME) {
            nameError.set(e.getMessage());
        } else if (f == Field.BASE_URL) {
            baseUrlError.set(e.getMessage());
        } else if (f == Field.CONTEXT_WINDOW) {
            contextWindowError.set(e.getMessage());
        } else if (f == Field.MAX_OUTPUT) {
            maxOutputError.set(e.getMessage());
        } else if (f == Field.FALLBACKS) {
            fallbacksError.set(e.getMessage());
        } else if (f == Field.DAILY_BUDGET) {
            dailyBudgetError.set(e.getMessage());
        } else if (f == Field.MONTHLY_BUDGET) {
            monthlyBudgetError.set(e.getMessage());
        }
        message.set(e.getMessage() + (e.fix().isEmpty() ? "" : " — " + e.fix()));
    }

    /** The current validation message for a field (for the view's validators). */
    public String errorFor(Field f) {
        return form.errorFor(f);
    }

    public boolean isValid() {
        return form.problem() == null;
    }

    public ObservableList<String> names() {
        return names;
    }

    public ObservableList<Preset> presets() {
        return presets;
    }

    public ObjectProperty<Preset> preset() {
        return preset;
    }

    public StringProperty editing() {
        return editing;
    }

    public StringProperty name() {
        return form.name;
    }

    public StringProperty baseUrl() {
        return form.baseUrl;
    }

    public ObjectProperty<ApiFormat> format() {
        return form.format;
    }

    public ObjectProperty<AuthStyle> auth() {
        return form.auth;
    }

    public BooleanProperty keyRequired() {
        return form.keyRequired;
    }

    /** The mapped models' context window as typed; Claude Code gets it as CLAUDE_CODE_MAX_CONTEXT_TOKENS. */
    public StringProperty contextWindow() {
        return form.contextWindow;
    }

    /** What the proxy does with Claude Code's adaptive thinking (pass, enabled, off). */
    public javafx.beans.property.ObjectProperty<io.signalbox.profile.ThinkingMode> thinking() {
        return form.thinking;
    }

    public StringProperty contextWindowError() {
        return contextWindowError;
    }

    /**
     * The largest answer the mapped models give, as typed: the proxy lowers a larger max_tokens to it,
     * and Claude Code gets it as CLAUDE_CODE_MAX_OUTPUT_TOKENS.
     */
    public StringProperty maxOutput() {
        return form.maxOutput;
    }

    public StringProperty maxOutputError() {
        return maxOutputError;
    }

    /**
     * The profiles, in order and separated by commas, the proxy sends this profile's requests to when its
     * provider cannot take them (unreachable, overloaded, rate-limited, over a hard budget).
     */
    public StringProperty fallbacks() {
        return form.fallbacks;
    }

    public StringProperty fallbacksError() {
        return fallbacksError;
    }

    public StringProperty notes() {
        return form.notes;
    }

    public List<ProfileForm.ModelSlot> modelSlots() {
        return form.slots;
    }

    /** Write-only: what the user types; cleared on save, never filled from the store. */
    public StringProperty key() {
        return key;
    }

    public StringProperty keyStatus() {
        return keyStatus;
    }

    public StringProperty message() {
        return message;
    }

    public StringProperty nameError() {
        return nameError;
    }

    public StringProperty baseUrlError() {
        return baseUrlError;
    }

    /** The daily budget's limit as typed (blank: none), in {@link #dailyBudgetUnit()}. */
    public StringProperty dailyBudget() {
        return form.budget.daily;
    }

    public ObjectProperty<Budget.Unit> dailyBudgetUnit() {
        return form.budget.dailyUnit;
    }

    /** The monthly budget's limit as typed (blank: none), in {@link #monthlyBudgetUnit()}. */
    public StringProperty monthlyBudget() {
        return form.budget.monthly;
    }

    public ObjectProperty<Budget.Unit> monthlyBudgetUnit() {
        return form.budget.monthlyUnit;
    }

    /** True: over a budget, requests still pass (with a warning); false: they are refused. */
    public BooleanProperty softBudget() {
        return form.budget.soft;
    }

    public StringProperty dailyBudgetError() {
        return dailyBudgetError;
    }

    public StringProperty monthlyBudgetError() {
        return monthlyBudgetError;
    }

    /** A note on what the editor does not show (price overrides, further budgets): the CLI sets those. */
    public StringProperty budgetHint() {
        return budgetHint;
    }

    private String hint() {
        int hidden = form.budget.hidden();
        return "At 80 % you get a warning; at 100 % requests are refused unless soft. Prices per model are set"
                + " on the command line only: signalbox profile edit NAME --price MODEL=input:3,output:15"
                + (hidden > 0 ? "; " + hidden + " more budget(s) of this profile are kept as set there" : "") + ".";
    }
}
