package org.therapychat.core.therapy;

import java.util.Locale;

/** In order: a session only ever moves forward through these. */
public enum SessionStatus {
    SCHEDULED, OPEN, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a session in this status may move to {@code next}. */
    public boolean precedes(SessionStatus next) {
        return compareTo(next) < 0;
    }
}
