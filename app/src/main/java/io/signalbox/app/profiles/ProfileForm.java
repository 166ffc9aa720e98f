package io.signalbox.app.profiles;

import io.signalbox.common.SignalboxException;
import io.signalbox.profile.ApiFormat;
import io.signalbox.profile.AuthStyle;
import io.signalbox.profile.ModelMap;
import io.signalbox.profile.Profile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editor's fields, turned into a {@link Profile} and checked with {@link Profile#validate()};
 * each validation message is attributed to the field it is about.
 */
public final class ProfileForm {
    /** The fields a validation message can point at. */
    public enum Field { NAME, BASE_URL, CONTEXT_WINDOW, MAX_OUTPUT, FALLBACKS, DAILY_BUDGET, MONTHLY_BUDGET, OTHER }

    /** A model-map slot as a table row; {@code model} is the form's own property. */
    public record ModelSlot(String slot, StringProperty model) {
    }

    final StringProperty name = new SimpleStringProperty("");
    final StringProperty baseUrl = new SimpleStringProperty("");
    final ObjectProperty<ApiFormat> format = new SimpleObjectProperty<>(ApiFormat.ANTHROPIC);
    final ObjectProperty<AuthStyle> auth = new SimpleObjectProperty<>(AuthStyle.BEARER);
    final BooleanProperty keyRequired = new SimpleBooleanProperty(true);
    final StringProperty notes = new SimpleStringProperty("");
    /** The mapped models' context window as typed (128k, 200000, …; blank: unknown). */
    final StringProperty contextWindow = new SimpleStringProperty("");
    /** The models' output cap as typed (8k, 8192, …; blank: none). */
    final StringProperty maxOutput = new SimpleStringProperty("");
    /** The fallback profiles as typed, in order, separated by commas (blank: none). */
    final StringProperty fallbacks = new SimpleStringProperty("");
    /** What the proxy does with Claude Code's adaptive thinking. */
    final ObjectProperty<io.signalbox.profile.ThinkingMode> thinking =
            new SimpleObjectProperty<>(io.signalbox.profile.ThinkingMode.PASS);
    final StringProperty opus = new SimpleStringProperty("");
    final StringProperty sonnet = new SimpleStringProperty("");
    final StringProperty haiku = new SimpleStringProperty("");
    final StringProperty subagent = new SimpleStringProperty("");
    final StringProperty fallback = new SimpleStringProperty("");
    final List<ModelSlot> slots = List.of(new ModelSlot("opus", opus), new ModelSlot("sonnet", sonnet),
            new ModelSlot("haiku", haiku), new ModelSlot("subagent", subagent), new ModelSlot("default", fallback));
    final BudgetForm budget = new BudgetForm();
    private Profile loaded;

    void load(Profile p) {
        loaded = p;
        name.set(nz(p.name()));
        baseUrl.set(nz(p.baseUrl()));
        format.set(p.format());
        auth.set(p.auth());
        keyRequired.set(p.needsKey());
        notes.set(nz(p.notes()));
        contextWindow.set(p.contextWindow() == null ? "" : Integer.toString(p.contextWindow()));
        maxOutput.set(p.maxOutputTokens() == null ? "" : Integer.toString(p.maxOutputTokens()));
        fallbacks.set(String.join(", ", p.fallbacks()));
        thinking.set(p.thinkingOrPass());
        ModelMap m = p.models();
        opus.set(nz(m.opus()));
        sonnet.set(nz(m.sonnet()));
        haiku.set(nz(m.haiku()));
        subagent.set(nz(m.subagent()));
        fallback.set(nz(m.fallback()));
        budget.load(p.usageOrNone());
    }

    /**
     * The profile the fields describe (not yet validated); headers, rules, price overrides and the
     * cost multiplier come from the loaded one. Call only when the budget fields are valid.
     */
    Profile build() {
        ModelMap m = new ModelMap(opus.get(), sonnet.get(), haiku.get(), subagent.get(), fallback.get(),
                loaded == null ? List.of() : loaded.models().rules());
        Map<String, String> headers = loaded == null ? Map.of() : loaded.headers();
        String preset = loaded == null ? null : loaded.preset();
        return new Profile(name.get(), baseUrl.get(), format.get(), auth.get(), m, headers, notes.get(), preset,
                keyRequired.get() ? null : Boolean.FALSE, budget.apply(), Profile.parseContextWindow(contextWindow.get()),
                thinking.get(), Profile.parseMaxOutput(maxOutput.get()), fallbackList());
    }

    /** The first problem with the fields, or null. */
    SignalboxException problem() {
        List<SignalboxException> all = problems();
        return all.isEmpty() ? null : all.getFirst();
    }

    /**
     * Every problem with the fields, each field checked on its own (a bad name does not hide a bad
     * base URL): the name, the budgets, the context window, the output cap, then the rest of {@link Profile#validate()}
     * on the fields as they are, under a stand-in name when the name itself is what is wrong.
     */
    List<SignalboxException> problems() {
        List<SignalboxException> out = new java.util.ArrayList<>();
        boolean nameOk = true;
        try {
            Profile.validateName(name.get());
        } catch (SignalboxException e) {
            out.add(e);
            nameOk = false;
        }
        for (io.signalbox.profile.Budget.Period period : io.signalbox.profile.Budget.Period.values()) {
            String b = budget.error(period);
            if (b != null) {
                out.add(new SignalboxException(b, ""));
            }
        }
        Integer window = null;
        try {
            window = Profile.parseContextWindow(contextWindow.get());
        } catch (SignalboxException e) {
            out.add(e);
        }
        Integer cap = null;
        try {
            cap = Profile.parseMaxOutput(maxOutput.get());
        } catch (SignalboxException e) {
            out.add(e);
        }
        String named = nameOk ? name.get() : STAND_IN;
        ModelMap m = new ModelMap(opus.get(), sonnet.get(), haiku.get(), subagent.get(), fallback.get(),
                loaded == null ? List.of() : loaded.models().rules());
        Profile probe = new Profile(named, baseUrl.get(), format.get(), auth.get(), m,
                loaded == null ? Map.of() : loaded.headers(), notes.get(), null, null, null, window, thinking.get(), cap, fallbackList());
        try {
            probe.validate();
        } catch (SignalboxException e) {
            out.add(nameOk ? e : new SignalboxException(e.getMessage().replace("profile '" + STAND_IN + "': ", ""),
                    e.fix()));
        }
        return out;
    }

    private static final String STAND_IN = "signalbox-stand-in-name";

    /** The message for {@code field}, or null when the field is fine. */
    String errorFor(Field field) {
        if (field == Field.DAILY_BUDGET) {
            return budget.error(io.signalbox.profile.Budget.Period.DAILY);
        }
        if (field == Field.MONTHLY_BUDGET) {
            return budget.error(io.signalbox.profile.Budget.Period.MONTHLY);
        }
        return problems().stream().filter(e -> fieldOf(e.getMessage()) == field).map(SignalboxException::getMessage)
                .findFirst().orElse(null);
    }

    static Field fieldOf(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("profile name") || m.contains("already exists")) {
            return Field.NAME;
        }
        if (m.contains("base url")) {
            return Field.BASE_URL;
        }
        if (m.contains("context window")) {
            return Field.CONTEXT_WINDOW;
        }
        if (m.contains("output cap")) {
            return Field.MAX_OUTPUT;
        }
        if (m.contains("fallback")) {
            return Field.FALLBACKS;
        }
        if (m.startsWith("daily budget")) {
            return Field.DAILY_BUDGET;
        }
        if (m.startsWith("monthly budget")) {
            return Field.MONTHLY_BUDGET;
        }
        return Field.OTHER;
    }

    /** The fallbacks field as a list: comma- or space-separated names. */
    List<String> fallbackList() {
        return java.util.Arrays.stream(fallbacks.get().split("[,\\s]+")).filter(n -> !n.isBlank()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
