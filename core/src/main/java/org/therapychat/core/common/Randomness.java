package org.therapychat.core.common;

/** Source of unpredictable bytes; production uses a cryptographic generator, tests a seeded one. */
public interface Randomness {
    /**
     * Unpredictable bytes.
     *
     * @param count how many bytes
     * @return a new array of {@code count} random bytes
     */
    byte[] bytes(int count);

    /**
     * A uniformly distributed integer in {@code [0, bound)}.
     *
     * @param bound the exclusive upper bound, positive
     * @return the number
     */
    int nextInt(int bound);
}
