package org.therapychat.core.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.therapychat.core.common.Hex;

/**
 * Codes are stored only as an HMAC-SHA256 keyed with a server secret and bound to their pending
 * login, so a read of the challenge table cannot be brute-forced offline without the key.
 */
public final class OtpHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /**
     * A hasher keyed with the server's OTP secret.
     *
     * @param secret at least 32 bytes; copied. Every instance must use the same one.
     * @throws IllegalArgumentException if shorter than 32 bytes
     */
    public OtpHasher(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the OTP key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /**
     * The keyed hash to store for a code.
     *
     * @param pendingLoginKey the digest of the pre-auth token the code belongs to
     * @param code the code
     * @return HMAC-SHA256 over the key and the code, 64 lower-case hex digits
     */
    public String hash(String pendingLoginKey, OtpCode code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(pendingLoginKey.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            return Hex.of(mac.doFinal(code.digits().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * The key a login's codes are counted under: the phone with the identifier's comparison form,
     * keyed like the codes, so the limits table holds no names and two spellings that log in alike
     * share one budget.
     *
     * @param phone the phone the codes go to
     * @param identifier the identifier typed with it, matching anybody or not
     * @return {@code pair:} and HMAC-SHA256 over the phone and the normalized identifier, in hex
     */
    public String budgetKey(PhoneNumber phone, Identifier identifier) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // "budget:" cannot begin a code hash's input, which starts with a hex digest
            mac.update("budget:".getBytes(StandardCharsets.US_ASCII));
            mac.update(phone.e164().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            return "pair:" + Hex.of(mac.doFinal(identifier.normalized().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Constant-time comparison of a typed code against a stored hash.
     *
     * @param pendingLoginKey the digest of the pre-auth token the code belongs to
     * @param typed the code the user typed
     * @param storedHash what {@link #hash} answered when the code was made
     * @return {@code true} if the code is the one sent for that pending login
     */
    public boolean matches(String pendingLoginKey, OtpCode typed, String storedHash) {
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(pendingLoginKey, typed).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
