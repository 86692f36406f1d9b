package org.therapychat.core.login;

import java.util.Locale;

/** What a user is to the study; it decides what they may do in every session at once. */
public enum Role {
    /** Takes part in sessions (ids like {@code P123}); sees public messages and those addressed to them. */
    PARTICIPANT,
    /** Leads sessions: sees every message of their sessions, admits, revokes, ends, deletes any message. */
    THERAPIST,
    /** Research staff (study coordinators): the admin API with their login session, never a chat member. */
    STAFF;

    /**
     * The name the admin API reads and writes.
     *
     * @return {@code participant}, {@code therapist} or {@code staff}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role an admin call named.
     *
     * @param name {@code participant}, {@code therapist} or {@code staff}
     * @return the role
     * @throws IllegalArgumentException for any other name
     */
    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be participant, therapist or staff");
    }
}
