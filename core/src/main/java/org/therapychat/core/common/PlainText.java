package org.therapychat.core.common;

import java.util.Optional;

/**
 * What text must not hold to be stored and shown as typed. Every database keeps valid Unicode
 * without NUL (PostgreSQL refuses NUL outright); a name or a one-line label must also hold no
 * control character and nothing that reorders the text around it.
 */
public final class PlainText {
    private static final char REPLACEMENT = '\uFFFD';

    private PlainText() {
    }

    /**
     * Why the text cannot be stored as typed: a NUL, or half a surrogate pair.
     *
     * @param text the text
     * @return e.g. {@code "must not contain NUL characters"}, or empty if it can be stored
     */
    public static Optional<String> unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode text");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the text cannot be a name or a one-line label: besides what {@link #unstorable} refuses, a
     * control character (C0 with tab and line breaks, DEL, C1) or a bidirectional embedding, override
     * or isolate (U+202A–U+202E, U+2066–U+2069), which would hide or reorder what others see.
     *
     * @param text the text
     * @return what is wrong, naming the first such character, or empty if it is fine
     */
    public static Optional<String> notALine(String text) {
        Optional<String> unstorable = unstorable(text);
        if (unstorable.isPresent()) {
            return unstorable;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isRefusedInALine(c)) {
                return Optional.of(String.format("must not contain control or bidirectional-override characters"
                        + " (found U+%04X)", (int) c));
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a name or one-line label.
     *
     * @param text the text
     * @param field the field's name, for the message
     * @return {@code text}
     * @throws IllegalArgumentException if {@link #notALine} finds something
     */
    public static String requireLine(String text, String field) {
        notALine(text).ifPresent(problem -> {
            throw new IllegalArgumentException(field + " " + problem);
        });
        return text;
    }

    /**
     * The text with every character {@link #notALine} refuses replaced by U+FFFD: for rows stored
     * before the rule, so they stay readable and show where something was.
     *
     * @param text the text as stored
     * @return a text that passes {@link #requireLine}
     */
    public static String replacingWhatALineRefuses(String text) {
        if (notALine(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) || isRefusedInALine(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    private static boolean isRefusedInALine(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
