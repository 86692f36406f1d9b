package org.therapychat.core.chat;

import java.util.Locale;

/** The reactions a user may put on a message (SPEC §3). */
public enum ReactionIcon {
    /** A heart. */
    HEART,
    /** A smile. */
    SMILE,
    /** A sad face. */
    SAD,
    /** An angry face. */
    ANGRY;

    /**
     * The name clients send and read.
     *
     * @return e.g. {@code heart}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The icon a client named.
     *
     * @param name one of {@code heart}, {@code smile}, {@code sad}, {@code angry}
     * @return the icon
     * @throws IllegalArgumentException for any other name
     */
    public static ReactionIcon fromWire(String name) {
        for (ReactionIcon icon : values()) {
            if (icon.wireName().equals(name)) {
                return icon;
            }
        }
        throw new IllegalArgumentException("icon must be one of heart, smile, sad, angry");
    }
}
