package org.therapychat.core.therapy;

import java.util.Locale;

public enum SessionStatus {
    SCHEDULED, OPEN, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
