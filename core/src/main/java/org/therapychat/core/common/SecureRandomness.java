package org.therapychat.core.common;

import java.security.SecureRandom;

/** The production {@link Randomness}: the JDK's cryptographically strong generator. */
public final class SecureRandomness implements Randomness {
    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    @Override
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
