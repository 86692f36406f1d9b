package org.therapychat.core.common;

/** Source of unpredictable bytes; production uses a cryptographic generator, tests a seeded one. */
public interface Randomness {
    byte[] bytes(int count);

    /** A uniformly distributed integer in {@code [0, bound)}. */
    int nextInt(int bound);
}
