package org.therapychat.core.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.therapychat.core.common.UserId;

/**
 * Who a message mentions (SPEC §3.1): {@code @} followed by a member's display name, compared
 * case-insensitively and not followed by a letter or digit ({@code @Dr. Rivera,} and {@code @ana}
 * count, {@code @anabel} does not mention Ana). Where several names fit, the longest wins.
 */
public final class Mentions {
    private Mentions() {
    }

    /**
     * The members named in {@code body}, in order of first mention, each once.
     *
     * @param body the message text
     * @param displayNames the display name of each member who can see the message; blank names never match
     * @return the ids of the members mentioned
     */
    public static List<UserId> in(String body, Map<UserId, String> displayNames) {
        if (body.indexOf('@') < 0) {
            return List.of();
        }
        List<Map.Entry<UserId, String>> longestFirst = new ArrayList<>(displayNames.entrySet());
        longestFirst.removeIf(e -> e.getValue().isBlank());
        longestFirst.sort(Comparator.comparingInt((Map.Entry<UserId, String> e) -> e.getValue().length()).reversed()
                .thenComparing(Map.Entry::getKey));
        Set<UserId> found = new LinkedHashSet<>();
        for (int at = body.indexOf('@'); at >= 0; at = body.indexOf('@', at + 1)) {
            found.addAll(namedAt(body, at + 1, longestFirst));
        }
        return List.copyOf(found);
    }

    /** Everyone whose name is the longest that fits at {@code start} (two members may share a name). */
    private static List<UserId> namedAt(String body, int start, List<Map.Entry<UserId, String>> longestFirst) {
        List<UserId> named = new ArrayList<>();
        int matchedLength = -1;
        for (Map.Entry<UserId, String> candidate : longestFirst) {
            String name = candidate.getValue();
            if (matchedLength >= 0 && name.length() < matchedLength) {
                break;
            }
            if (fitsAt(body, start, name)) {
                matchedLength = name.length();
                named.add(candidate.getKey());
            }
        }
        return named;
    }

    private static boolean fitsAt(String body, int start, String name) {
        if (!body.regionMatches(true, start, name, 0, name.length())) {
            return false;
        }
        int end = start + name.length();
        return end == body.length() || !Character.isLetterOrDigit(body.codePointAt(end));
    }
}
