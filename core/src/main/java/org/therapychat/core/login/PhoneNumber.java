package org.therapychat.core.login;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +16505550100}); parsing user input is a {@link PhoneNumberParser}'s job.
 * {@link #toString()} shows it {@linkplain #masked() masked}.
 *
 * @param e164 {@code +}, then 7-15 digits, the first not 0
 */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /**
     * Checks the form.
     *
     * @param e164 the number in E.164 form
     * @throws IllegalArgumentException if it is not in E.164 form
     * @throws NullPointerException if {@code e164} is null
     */
    public PhoneNumber {
        Objects.requireNonNull(e164, "phone");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("phone must be in E.164 form, e.g. +16505550100");
        }
    }

    /**
     * The number with all but its first and last two characters hidden, for logs.
     *
     * @return e.g. {@code +1********00}
     */
    public String masked() {
        return e164.substring(0, 2) + "*".repeat(e164.length() - 4) + e164.substring(e164.length() - 2);
    }

    /**
     * The number as the code screen shows it: only its last four digits, the rest a fixed row of
     * dots that does not tell its length either.
     *
     * @return e.g. {@code •••• •• 0101}
     */
    public String maskedForDisplay() {
        return "\u2022\u2022\u2022\u2022 \u2022\u2022 " + e164.substring(e164.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
