package org.therapychat.core.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;

/** What the staff console reads: users, sessions with their members and surveys, who is in which chat now, statistics. */
public final class StudyOverview {
    /** How far back {@link #now()} counts messages. */
    public static final Duration RECENT = Duration.ofMinutes(5);

    /**
     * A member as the console lists them: name and role from the user record.
     *
     * @param id the user
     * @param displayName the display name (the id when there is no user record)
     * @param role the role (participant when there is no user record)
     */
    public record MemberInfo(UserId id, String displayName, Role role) {
    }

    /**
     * A session with its members.
     *
     * @param session the session
     * @param members its members, in the session's order
     */
    public record SessionInfo(TherapySession session, List<MemberInfo> members) {
    }

    /**
     * A session with each participant's surveys.
     *
     * @param info the session and its members
     * @param assessments each participant's surveys, in member order (therapists and staff absent)
     */
    public record SessionDetail(SessionInfo info, Map<UserId, List<Assessment>> assessments) {
    }

    /**
     * A session not ended: who is in its chat, and how busy it is.
     *
     * @param session the session
     * @param present the members present now, by id
     * @param messagesLastMinutes messages in the last {@link #RECENT}
     */
    public record Now(TherapySession session, List<MemberInfo> present, int messagesLastMinutes) {
    }

    private final UserStore users;
    private final TherapySessions sessions;
    private final Assessments assessments;
    private final Presence presence;
    private final AdminService admin;
    private final ActionLog log;
    private final Clock clock;
    private final Map<TherapySessionId, RecentMessages> recent = new ConcurrentHashMap<>();

    /**
     * The times of one session's recent messages, kept up to date by reading only what was appended
     * since the last look: the console asks every few seconds, and a long log is read once.
     */
    private static final class RecentMessages {
        private static final int BATCH = 1000;
        private long lastId;
        private final ArrayDeque<Instant> times = new ArrayDeque<>();
    }

    /**
     * Wires the console's reads.
     *
     * @param users the users
     * @param sessions the therapy sessions
     * @param assessments the surveys
     * @param presence who is present
     * @param admin reads whole logs, as an export would, for statistics
     * @param log the action log, read incrementally for the recent messages of {@link #now()}
     * @param clock the time of "now" and "recent"
     */
    public StudyOverview(UserStore users, TherapySessions sessions, Assessments assessments, Presence presence,
                         AdminService admin, ActionLog log, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.assessments = assessments;
        this.presence = presence;
        this.admin = admin;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Users whose id or display name contains {@code query} (case-insensitive), all when it is blank; by id.
     *
     * @param query the search text, or null
     * @return the matching users
     */
    public List<User> users(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return users.list().stream()
                .filter(u -> q.isEmpty() || u.id().value().toLowerCase(Locale.ROOT).contains(q)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(q))
                .toList();
    }

    /**
     * Every session, newest first.
     *
     * @return the sessions with their members
     */
    public List<SessionInfo> sessions() {
        Map<UserId, Optional<User>> known = new HashMap<>();
        return sessions.list().stream()
                .sorted(Comparator.comparing(TherapySession::date).reversed().thenComparing(s -> s.id().value()))
                .map(s -> info(s, known))
                .toList();
    }

    /**
     * One session with its members and each participant's surveys.
     *
     * @param id the therapy session
     * @return the detail
     * @throws NotFound if there is no such session
     */
    public SessionDetail session(TherapySessionId id) {
        SessionInfo info = info(find(id), new HashMap<>());
        Map<UserId, List<Assessment>> surveys = new LinkedHashMap<>();
        for (MemberInfo m : info.members()) {
            if (m.role() == Role.PARTICIPANT) {
                surveys.put(m.id(), assessments.find(id, m.id()));
            }
        }
        return new SessionDetail(info, surveys);
    }

    /**
     * Sessions not ended, newest first, with who is present and the messages of the last {@link #RECENT}.
     *
     * @return one entry per session not ended
     */
    public List<Now> now() {
        Instant since = clock.now().minus(RECENT);
        Map<UserId, Optional<User>> known = new HashMap<>();
        List<Now> now = sessions().stream()
                .map(SessionInfo::session)
                .filter(s -> s.status() != SessionStatus.ENDED)
                .map(s -> new Now(s, presence.present(s.id()).stream().sorted()
                        .map(u -> memberInfo(u, known)).toList(), messagesSince(s.id(), since)))
                .toList();
        Set<TherapySessionId> open = now.stream().map(n -> n.session().id()).collect(Collectors.toSet());
        recent.keySet().retainAll(open);
        return now;
    }

    /**
     * The statistics of one session, computed from its whole log.
     *
     * @param id the therapy session
     * @return the statistics
     * @throws NotFound if there is no such session
     */
    public SessionStats stats(TherapySessionId id) {
        TherapySession session = find(id);
        Map<UserId, Optional<User>> known = new HashMap<>();
        session.members().forEach(m -> known.put(m.user(), users.findById(m.user())));
        return SessionStatistics.of(session, known, admin.export(id), clock.now());
    }

    private int messagesSince(TherapySessionId id, Instant since) {
        RecentMessages r = recent.computeIfAbsent(id, k -> new RecentMessages());
        synchronized (r) {
            List<StoredAction> batch;
            do {
                batch = log.readAfter(id, r.lastId, RecentMessages.BATCH);
                for (StoredAction a : batch) {
                    r.lastId = a.id().value();
                    if (a.action() instanceof Action.Message && !a.timestamp().isBefore(since)) {
                        r.times.addLast(a.timestamp());
                    }
                }
            } while (batch.size() == RecentMessages.BATCH);
            // instances' clocks may differ a little: ids are in order, times nearly so
            r.times.removeIf(t -> t.isBefore(since));
            return r.times.size();
        }
    }

    private TherapySession find(TherapySessionId id) {
        return sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
    }

    private SessionInfo info(TherapySession s, Map<UserId, Optional<User>> known) {
        return new SessionInfo(s, s.members().stream().map(Member::user).map(u -> memberInfo(u, known)).toList());
    }

    private MemberInfo memberInfo(UserId id, Map<UserId, Optional<User>> known) {
        Optional<User> user = known.computeIfAbsent(id, users::findById);
        return new MemberInfo(id, user.map(User::displayName).orElse(id.value()),
                user.map(User::role).orElse(Role.PARTICIPANT));
    }
}
