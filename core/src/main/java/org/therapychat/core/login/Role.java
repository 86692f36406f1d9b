package org.therapychat.core.login;

import java.util.Locale;

public enum Role {
    PARTICIPANT, THERAPIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be participant or therapist");
    }
}
