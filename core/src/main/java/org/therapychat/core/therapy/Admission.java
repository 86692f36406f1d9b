package org.therapychat.core.therapy;

import java.util.Locale;

/** Whether participants enter at once or wait for a therapist to admit them. */
public enum Admission {
    AUTO, THERAPIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Admission fromWire(String name) {
        for (Admission a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("admission must be auto or therapist");
    }
}
