package org.therapychat.core.login;

import java.util.Objects;
import java.util.regex.Pattern;

/** A phone number in E.164 form ({@code +16505550100}); parsing user input is a {@link PhoneNumberParser}'s job. */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        Objects.requireNonNull(e164, "phone");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("phone must be in E.164 form, e.g. +16505550100");
        }
    }

    /** The number with all but its last two digits hidden, for logs. */
    public String masked() {
        return e164.substring(0, 2) + "*".repeat(e164.length() - 4) + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return masked();
    }
}
