package org.therapychat.core.login;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifying field a user types beside the phone (last name by default). Compared trimmed,
 * case- and accent-insensitively: {@code " Müller "} matches {@code "muller"}.
 */
public record Identifier(String value) {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_LENGTH = 200;

    public Identifier {
        Objects.requireNonNull(value, "identifier");
        value = value.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("identifier must be 1-" + MAX_LENGTH + " characters");
        }
    }

    /** The comparison form: decomposed, marks removed, lower-cased, inner whitespace collapsed. */
    public String normalized() {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    public boolean matches(Identifier other) {
        return normalized().equals(other.normalized());
    }
}
