package org.therapychat.core.therapy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.AssessmentsPending;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.therapy.TherapyAccess.Membership;

/** What a member does with therapy sessions (SPEC §2): list, look inside, enter, leave, be present. */
public final class TherapyService {
    private final TherapySessions sessions;
    private final Assessments assessments;
    private final Presence presence;
    private final WaitingRoom waitingRoom;
    private final UserDirectory users;
    private final AuthSessions authSessions;
    private final ServerActions serverActions;
    private final TherapyAccess access;
    private final Clock clock;
    private final Settings settings;

    /**
     * Wires the use case.
     *
     * @param sessions the therapy sessions
     * @param assessments the participants' surveys
     * @param presence who is in the chat now
     * @param waitingRoom who waits to be admitted now
     * @param users display names and roles
     * @param authSessions records the therapy session a login session is in
     * @param serverActions appends presence notices and refetch signals
     * @param clock the time of presence and of what is due
     * @param settings the presence lapse and when a session counts as over
     */
    public TherapyService(TherapySessions sessions, Assessments assessments, Presence presence, WaitingRoom waitingRoom,
                          UserDirectory users, AuthSessions authSessions, ServerActions serverActions, Clock clock,
                          Settings settings) {
        this.sessions = sessions;
        this.assessments = assessments;
        this.presence = presence;
        this.waitingRoom = waitingRoom;
        this.users = users;
        this.authSessions = authSessions;
        this.serverActions = serverActions;
        this.access = new TherapyAccess(sessions);
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The caller's sessions, newest first, with their surveys and the count due now ({@code todo}).
     *
     * @param caller the authenticated user
     * @return the sessions the caller is a member of, revoked ones included
     */
    public SessionOverview list(Caller caller) {
        Instant now = clock.now();
        Map<TherapySessionId, List<Assessment>> owed = assessments.forParticipant(caller.id());
        List<SessionOverview.Entry> entries = sessions.listForMember(caller.id()).stream()
                .sorted(Comparator.comparing(TherapySession::date).reversed())
                .map(s -> {
                    List<Assessment> all = owed.getOrDefault(s.id(), List.of());
                    return new SessionOverview.Entry(s, all,
                            all.stream().filter(a -> a.isDueFor(s, now, settings.sessionOverAfter())).toList());
                })
                .toList();
        int todo = entries.stream().mapToInt(e -> e.dueNow().size()).sum();
        return new SessionOverview(entries, todo);
    }

    /**
     * getTherapySessionDetail: metadata and members, with who is present (nobody, once ended) and who admitted.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @return the detail
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     * @throws NotAllowed if the caller is not a member or was revoked
     */
    public SessionDetail detail(Caller caller, TherapySessionId id) {
        TherapySession session = access.requireMember(caller, id).session();
        // Presence stops changing at the end, so whoever was there then would otherwise show forever.
        boolean ended = session.status() == SessionStatus.ENDED;
        // Who has not polled for the presence lapse shows away, though not announced as gone yet.
        Set<UserId> present = ended ? Set.of() : presence.seenSince(id, clock.now().minus(settings.presenceLapse()));
        Set<UserId> waiting = ended ? Set.of() : waitingRoom.waiting(id, waitingCutoff()).keySet();
        List<SessionDetail.MemberView> members = session.members().stream()
                .map(m -> memberView(session, m, present.contains(m.user()), waiting.contains(m.user())))
                .toList();
        return new SessionDetail(session, members);
    }

    /**
     * getTherapySessionAssessments: a participant sees their own surveys; a therapist of the session sees anyone's.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @param participant whose surveys; empty for the caller's own
     * @return the surveys, possibly empty
     * @throws NotAllowed if the caller is not a member, or a participant asks for someone else's
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public List<Assessment> assessments(Caller caller, TherapySessionId id, Optional<UserId> participant) {
        Membership m = access.requireMember(caller, id);
        UserId whose = participant.orElse(caller.id());
        if (!whose.equals(caller.id()) && !m.isTherapist()) {
            throw new NotAllowed("You may only see your own surveys.");
        }
        return assessments.find(id, whose);
    }

    /**
     * Enters the chat (SPEC §2): the login session records the therapy session, the member becomes
     * present and a "has joined" notice is appended. A therapist entering a scheduled session opens it.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @return {@link EnterResult#ENTERED}, or {@link EnterResult#WAITING_FOR_ADMISSION} (nothing changed)
     * @throws NotAllowed if the caller is not a member or was revoked, or {@code session_ended}
     * @throws AssessmentsPending if a participant has incomplete "pre" assessments
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public EnterResult enter(Caller caller, TherapySessionId id) {
        Membership m = access.requireMember(caller, id);
        TherapySession session = m.session();
        if (session.status() == SessionStatus.ENDED) {
            throw new NotAllowed("session_ended", "This session has ended.");
        }
        if (!m.isTherapist()) {
            List<String> pending = assessments.find(id, caller.id()).stream()
                    .filter(a -> a.due() == Assessment.Due.PRE && !a.complete())
                    .map(Assessment::name)
                    .toList();
            if (!pending.isEmpty()) {
                throw new AssessmentsPending(pending);
            }
        }
        if (!m.mayChat()) {
            // the waiting page asks again every few seconds: only an arrival wakes the therapist's page
            if (waitingRoom.arrive(id, caller.id(), clock.now(), waitingCutoff())) {
                serverActions.chatDetailsChanged(id);
            }
            return EnterResult.WAITING_FOR_ADMISSION;
        }
        waitingRoom.remove(id, caller.id());
        if (m.isTherapist() && session.status() == SessionStatus.SCHEDULED && sessions.setStatus(id, SessionStatus.OPEN)) {
            serverActions.chatDetailsChanged(id);
        }
        authSessions.moveTo(caller, Optional.of(id));
        // An explicit entry always writes (never throttled), so a leave through another instance cannot hide it.
        if (presence.markPresent(id, caller.id(), clock.now())) {
            announce(id, List.of(new Change(caller.user().displayName() + " has joined the session",
                    new Action.Attendance(caller.id(), true), () -> presence.remove(id, caller.id()))));
        }
        return EnterResult.ENTERED;
    }

    /**
     * Leaves the chat: the login session forgets the therapy session and, if the member was present,
     * a "has left" notice is appended. After the end only the login session changes: attendance
     * stopped at the closing notice.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @throws NotAllowed if the caller is not a member or was revoked
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public void leave(Caller caller, TherapySessionId id) {
        access.requireMember(caller, id);
        // A cached login session that does not say it entered may be older than an entry through
        // another instance: ask the store, or the entry would outlive this leave.
        if (caller.session().isIn(id) || authSessions.isStillIn(caller, id)) {
            authSessions.moveTo(caller, Optional.empty());
        }
        if (hasEnded(id)) {
            return;
        }
        if (waitingRoom.remove(id, caller.id())) {
            serverActions.chatDetailsChanged(id);
        }
        if (presence.remove(id, caller.id())) {
            announceUnlessEnded(id, List.of(new Change(caller.user().displayName() + " has left the session",
                    new Action.Attendance(caller.id(), false), () -> presence.markPresent(id, caller.id(), clock.now()))));
        }
    }

    /**
     * Called on every poll of a member in the chat: keeps their presence, re-announces them if it
     * had lapsed, and lapses (with a "has left" notice) everyone not seen for
     * {@link Settings#absenceNoticeAfter()}. A shorter absence (a locked phone, an app switch) only
     * shows as away in {@link #detail} and announces nothing, neither going nor coming back. Once the
     * session has ended it does nothing: attendance stopped at the closing notice.
     *
     * @param caller the polling member, already checked to be in the chat
     * @param id the therapy session
     */
    public void heartbeat(Caller caller, TherapySessionId id) {
        if (hasEnded(id)) {
            return;
        }
        Instant now = clock.now();
        Instant cutoff = now.minus(settings.absenceNoticeAfter());
        List<UserId> lapsed = presence.removeSeenBefore(id, cutoff);
        boolean back = presence.stillPresent(id, caller.id(), now);
        // This poll (re-)added the caller. A leave or revoke that raced it changed the login session or
        // membership before removing the presence: read both past the caches, and undo if so.
        if (back && !isStillInChat(caller, id)) {
            presence.remove(id, caller.id());
            back = false;
        }
        List<Change> changes = new ArrayList<>();
        for (UserId gone : lapsed) {
            if (!gone.equals(caller.id())) {
                // Undone as "seen just before the cutoff": a later sweep lapses and announces them again.
                changes.add(new Change(displayName(gone) + " has left the session", new Action.Attendance(gone, false),
                        () -> presence.markPresent(id, gone, cutoff.minusMillis(1))));
            }
        }
        // A caller whose own presence just lapsed is back in the same breath: announce nothing.
        if (back && !lapsed.contains(caller.id())) {
            changes.add(new Change(caller.user().displayName() + " has joined the session",
                    new Action.Attendance(caller.id(), true), () -> presence.remove(id, caller.id())));
        }
        announceUnlessEnded(id, changes);
    }

    /** A waiting page that has not asked for as long as a presence lapses was closed. */
    private Instant waitingCutoff() {
        return clock.now().minus(settings.presenceLapse());
    }

    private boolean hasEnded(TherapySessionId id) {
        return sessions.find(id).map(s -> s.status() == SessionStatus.ENDED).orElse(true);
    }

    /**
     * As {@link #announce}, but a session that ended since this call read its status is no error: the
     * log refused the notice, the changes are undone, and presence stays as the closing notice left it.
     */
    private void announceUnlessEnded(TherapySessionId id, List<Change> changes) {
        try {
            announce(id, changes);
        } catch (NotAllowed e) {
            if (!e.code().equals("session_ended")) {
                throw e;
            }
        }
    }

    private boolean isStillInChat(Caller caller, TherapySessionId id) {
        return authSessions.isStillIn(caller, id) && sessions.findCurrent(id)
                .flatMap(s -> s.member(caller.id())).filter(m -> !m.revoked()).isPresent();
    }

    /** A presence change made, and how to take it back if its notice cannot be appended. */
    private record Change(String notice, Action.Attendance attendance, Runnable undo) {
    }

    /**
     * Each presence change and its notice succeed or fail together: when a notice cannot be
     * appended, it and every change not yet announced are undone, so a retry announces them.
     */
    private void announce(TherapySessionId id, List<Change> changes) {
        for (int i = 0; i < changes.size(); i++) {
            try {
                serverActions.attendance(id, changes.get(i).notice(), changes.get(i).attendance());
            } catch (RuntimeException e) {
                for (Change unannounced : changes.subList(i, changes.size())) {
                    try {
                        unannounced.undo().run();
                    } catch (RuntimeException undoFailed) {
                        e.addSuppressed(undoFailed);
                    }
                }
                throw e;
            }
        }
    }

    /** Name and role from the user record (a member without one shows as a participant under their id). */
    private SessionDetail.MemberView memberView(TherapySession session, Member m, boolean present, boolean inWaitingRoom) {
        Optional<User> user = users.findById(m.user());
        Role role = user.map(User::role).orElse(Role.PARTICIPANT);
        boolean admitted = !m.revoked() && (m.admitted() || role == Role.THERAPIST || session.admission() == Admission.AUTO);
        return new SessionDetail.MemberView(m.user(), user.map(User::displayName).orElse(m.user().value()), role,
                present, admitted, inWaitingRoom && !admitted && !m.revoked() && !present);
    }

    private String displayName(UserId id) {
        return users.findById(id).map(User::displayName).orElse(id.value());
    }
}
