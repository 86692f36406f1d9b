package org.therapychat.core.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionEnding;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;

/**
 * Works out {@link SessionStats} from a session's whole log: counts per author, attendance from the
 * presence notices' data (a member still present is counted up to the closing notice of an ended session,
 * or {@code now} while the session runs; presence notices after the closing one, which logs written before
 * the log refused them may hold, are ignored), {@code time_to_complete} in fixed buckets (anything slower
 * than the last one counts in it), and words per message per minute.
 */
final class SessionStatistics {
    static final long[] BUCKETS_MS = {500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000, 3_600_000};
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9}(?:\\.\\d{1,6})?)\\s*(ms|s)?\\s*");

    private SessionStatistics() {
    }

    static SessionStats of(TherapySession session, Map<UserId, Optional<User>> users, List<StoredAction> log,
                           Instant now) {
        Map<UserId, int[]> counts = new HashMap<>();
        Map<UserId, Instant> joinedAt = new HashMap<>();
        Map<UserId, Duration> attended = new HashMap<>();
        int[] buckets = new int[BUCKETS_MS.length];
        TreeMap<Instant, int[]> minutes = new TreeMap<>();
        Optional<StoredAction> closing = session.status() == SessionStatus.ENDED ? closingNotice(log) : Optional.empty();
        Instant lastNotice = null;
        for (StoredAction a : log) {
            boolean afterTheEnd = closing.isPresent() && a.id().value() > closing.get().id().value();
            Action action = a.action();
            if (action instanceof Action.Message m) {
                a.author().ifPresent(u -> counts.computeIfAbsent(u, k -> new int[2])[0]++);
                m.timeToComplete().flatMap(SessionStatistics::millis).ifPresent(ms -> buckets[bucket(ms)]++);
                int[] minute = minutes.computeIfAbsent(a.timestamp().truncatedTo(ChronoUnit.MINUTES), k -> new int[2]);
                minute[0]++;
                minute[1] += words(m.body());
            } else if (action instanceof Action.Reaction) {
                a.author().ifPresent(u -> counts.computeIfAbsent(u, k -> new int[2])[1]++);
            } else if (action instanceof Action.Notice n && n.attendance().isPresent() && !afterTheEnd) {
                Action.Attendance change = n.attendance().get();
                if (change.joined()) {
                    joinedAt.putIfAbsent(change.user(), a.timestamp());
                } else {
                    Instant since = joinedAt.remove(change.user());
                    if (since != null) {
                        attended.merge(change.user(), Duration.between(since, a.timestamp()), Duration::plus);
                    }
                }
            }
            if (action instanceof Action.Notice) {
                lastNotice = a.timestamp();
            }
        }
        // Whoever was still present at the end stayed until the closing notice. An ended session without
        // one (its end failed half way) ends at its last notice.
        Instant end = session.status() != SessionStatus.ENDED ? now
                : closing.map(StoredAction::timestamp).orElse(lastNotice != null ? lastNotice : now);
        for (Map.Entry<UserId, Instant> still : joinedAt.entrySet()) {
            Instant until = end.isAfter(still.getValue()) ? end : still.getValue();
            attended.merge(still.getKey(), Duration.between(still.getValue(), until), Duration::plus);
        }
        List<SessionStats.MemberStats> members = new ArrayList<>();
        for (Member m : session.members()) {
            Optional<User> user = users.getOrDefault(m.user(), Optional.empty());
            int[] c = counts.getOrDefault(m.user(), new int[2]);
            double minutesPresent = Math.round(attended.getOrDefault(m.user(), Duration.ZERO).toMillis() / 6_000.0) / 10.0;
            members.add(new SessionStats.MemberStats(m.user(), user.map(User::displayName).orElse(m.user().value()),
                    user.map(User::role).orElse(Role.PARTICIPANT), c[0], c[1], minutesPresent));
        }
        List<SessionStats.Bucket> distribution = new ArrayList<>();
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            distribution.add(new SessionStats.Bucket(BUCKETS_MS[i], buckets[i]));
        }
        List<SessionStats.MinuteWords> words = new ArrayList<>();
        minutes.forEach((minute, c) -> words.add(new SessionStats.MinuteWords(minute, c[0],
                Math.round(c[1] * 100.0 / c[0]) / 100.0)));
        return new SessionStats(members, distribution, words);
    }

    /**
     * The notice that closed the chat: the first system notice with the closing text after the last
     * client action (nothing of a client's follows it; a staff notice could repeat the text earlier).
     */
    private static Optional<StoredAction> closingNotice(List<StoredAction> log) {
        int lastClientAction = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).author().isPresent()) {
                lastClientAction = i;
            }
        }
        for (StoredAction a : log.subList(lastClientAction + 1, log.size())) {
            if (a.action() instanceof Action.Notice n && n.attendance().isEmpty()
                    && n.sender().equals(ServerActions.SYSTEM) && n.body().equals(SessionEnding.CLOSING_NOTICE)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** {@code "671ms"}, {@code "1.5s"} or a bare number of milliseconds; anything else is not counted. */
    static Optional<Long> millis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(m.group(1));
        return Optional.of(Math.round("s".equals(m.group(2)) ? value * 1000 : value));
    }

    private static int bucket(long ms) {
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            if (ms <= BUCKETS_MS[i]) {
                return i;
            }
        }
        return BUCKETS_MS.length - 1;
    }

    static int words(String body) {
        String stripped = body.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
