package org.therapychat.core.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bearer secret handed to a browser (session id, pending-login id): 256 random bits,
 * base64url. Stores keep only its {@link #digest()}, so a leaked table grants nothing.
 * {@link #toString()} never shows the value, so it cannot leak into a log.
 *
 * @param value the 43 base64url characters (no padding)
 */
public record SecretToken(String value) {
    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * Checks the shape of a token, e.g. one read from a cookie.
     *
     * @param value the 43 base64url characters (no padding)
     * @throws IllegalArgumentException if {@code value} has another shape
     * @throws NullPointerException if {@code value} is null
     */
    public SecretToken {
        Objects.requireNonNull(value, "token");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed token");
        }
    }

    /**
     * A new token of 256 random bits.
     *
     * @param randomness the source of the bits; production passes a cryptographic one
     * @return the token
     */
    public static SecretToken generate(Randomness randomness) {
        return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(randomness.bytes(BYTES)));
    }

    /**
     * The SHA-256 of the token, hex: the key under which stores keep what the token unlocks.
     *
     * @return 64 lower-case hex digits
     */
    public String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Hex.of(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SecretToken[redacted]";
    }
}
