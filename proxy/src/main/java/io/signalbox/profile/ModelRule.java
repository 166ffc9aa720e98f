package io.signalbox.profile;

import io.signalbox.common.SignalboxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One model rewrite rule: {@code match} is an exact model name or a glob ({@code *} any run of
 * characters, {@code ?} one character), compared case-insensitively.
 */
public record ModelRule(String match, String model) {
    public ModelRule {
        if (match == null || match.isBlank()) {
            throw new SignalboxException("a model rule has an empty pattern",
                    "write it as PATTERN=MODEL, e.g. --model 'claude-*haiku*=deepseek-chat'");
        }
        if (model == null || model.isBlank()) {
            throw new SignalboxException("the model rule '" + match + "' maps to an empty model name",
                    "write it as PATTERN=MODEL, e.g. --model '" + match + "=deepseek-chat'");
        }
        match = match.trim();
        model = model.trim();
    }

    public boolean isGlob() {
        return match.indexOf('*') >= 0 || match.indexOf('?') >= 0;
    }

    public boolean matches(String requested) {
        if (requested == null) {
            return false;
        }
        if (!isGlob()) {
            return match.equalsIgnoreCase(requested);
        }
        return globToRegex(match).matcher(requested.toLowerCase(Locale.ROOT)).matches();
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
