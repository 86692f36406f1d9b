package org.therapychat.core.login;

import java.util.Locale;

public enum Role {
    PARTICIPANT, THERAPIST,
    /** Research staff (study coordinators): the admin API with their login session, never a chat member. */
    STAFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be participant, therapist or staff");
    }
}
