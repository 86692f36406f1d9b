package org.therapychat.core.chat;

import java.util.Locale;

public enum ReactionIcon {
    HEART, SMILE, SAD, ANGRY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReactionIcon fromWire(String name) {
        for (ReactionIcon icon : values()) {
            if (icon.wireName().equals(name)) {
                return icon;
            }
        }
        throw new IllegalArgumentException("icon must be one of heart, smile, sad, angry");
    }
}
