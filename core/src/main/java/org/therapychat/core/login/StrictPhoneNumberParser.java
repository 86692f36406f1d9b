package org.therapychat.core.login;

import org.therapychat.core.common.DomainException.ValidationFailed;

/**
 * Accepts international numbers only: a leading {@code +} (or {@code 00}) and digits, with
 * spaces, dots, dashes and parentheses ignored. No region guessing: use the libphonenumber
 * parser of the web adapter for national formats.
 */
public final class StrictPhoneNumberParser implements PhoneNumberParser {
    @Override
    public PhoneNumber parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new ValidationFailed("phone", "phone is required");
        }
        String compact = typed.strip().replaceAll("[\\s.()\\-]", "");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        try {
            return new PhoneNumber(compact);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("phone", "phone must be an international number such as +1 650 555 0100");
        }
    }
}
