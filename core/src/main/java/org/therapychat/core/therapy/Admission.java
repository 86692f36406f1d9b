package org.therapychat.core.therapy;

import java.util.Locale;

/** Whether participants enter at once or wait for a therapist to admit them (SPEC §2, {@code admission}). */
public enum Admission {
    /** Participants chat as soon as they enter (the default). */
    AUTO,
    /** Participants wait until a therapist of the session admits them. */
    THERAPIST;

    /**
     * The name the admin API reads and writes.
     *
     * @return {@code auto} or {@code therapist}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The setting an admin call named.
     *
     * @param name {@code auto} or {@code therapist}
     * @return the setting
     * @throws IllegalArgumentException for any other name
     */
    public static Admission fromWire(String name) {
        for (Admission a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("admission must be auto or therapist");
    }
}
