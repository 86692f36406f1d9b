package org.therapychat.core.login;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.therapychat.core.common.PlainText;

/**
 * The identifying field a user types beside the phone (last name by default). Compared trimmed,
 * case- and accent-insensitively: {@code " Müller "} matches {@code "muller"}.
 *
 * @param value the text, trimmed; 1-200 characters
 */
public record Identifier(String value) {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_LENGTH = 200;

    /**
     * Trims and checks the text.
     *
     * @param value the text as typed
     * @throws IllegalArgumentException if it is empty after trimming, longer than 200 characters, or holds
     *     a control or bidirectional-override character ({@link PlainText#notALine})
     * @throws NullPointerException if {@code value} is null
     */
    public Identifier {
        Objects.requireNonNull(value, "identifier");
        value = value.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("identifier must be 1-" + MAX_LENGTH + " characters");
        }
        PlainText.requireLine(value, "identifier");
    }

    /**
     * The comparison form: decomposed, marks removed, lower-cased, inner whitespace collapsed.
     *
     * @return the normalized text
     */
    public String normalized() {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * Whether two identifiers are the same for login.
     *
     * @param other the identifier to compare with
     * @return {@code true} if their {@link #normalized()} forms are equal
     */
    public boolean matches(Identifier other) {
        return normalized().equals(other.normalized());
    }
}
