package org.therapychat.core.login;

import java.util.Objects;
import java.util.regex.Pattern;
import org.therapychat.core.common.Randomness;

/** A 6-digit one-time code. */
public record OtpCode(String digits) {
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    public OtpCode {
        Objects.requireNonNull(digits, "code");
        if (!SIX_DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("code must be 6 digits");
        }
    }

    public static OtpCode random(Randomness randomness) {
        return new OtpCode(String.format("%06d", randomness.nextInt(1_000_000)));
    }

    @Override
    public String toString() {
        return "OtpCode[redacted]";
    }
}
