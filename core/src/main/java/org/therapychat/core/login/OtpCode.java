package org.therapychat.core.login;

import java.util.Objects;
import java.util.regex.Pattern;
import org.therapychat.core.common.Randomness;

/**
 * A 6-digit one-time code (SPEC §1). {@link #toString()} hides it, so it cannot leak into a log.
 *
 * @param digits exactly six ASCII digits, leading zeros kept
 */
public record OtpCode(String digits) {
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    /**
     * Checks the code, e.g. one a user typed.
     *
     * @param digits exactly six ASCII digits
     * @throws IllegalArgumentException for anything else
     * @throws NullPointerException if {@code digits} is null
     */
    public OtpCode {
        Objects.requireNonNull(digits, "code");
        if (!SIX_DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("code must be 6 digits");
        }
    }

    /**
     * A new code, uniform over 000000-999999.
     *
     * @param randomness the source; production passes a cryptographic one
     * @return the code
     */
    public static OtpCode random(Randomness randomness) {
        return new OtpCode(String.format("%06d", randomness.nextInt(1_000_000)));
    }

    @Override
    public String toString() {
        return "OtpCode[redacted]";
    }
}
