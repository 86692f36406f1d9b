package org.therapychat.core.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.ManagedElsewhere;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.ManagedRecords;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Admission;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.SessionDefinition;
import org.therapychat.core.therapy.SessionEnding;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;

/**
 * What the admin API and an embedding platform call (SPEC §4). Every PUT creates or replaces,
 * idempotently. Every write and export is audited with its actor and outcome; methods without
 * an actor act as {@link Actor#SYSTEM}. Bad input is a {@link ValidationFailed} naming the field.
 */
public final class AdminService {
    private static final int EXPORT_PAGE = 1000;
    private final UserStore users;
    private final PhoneNumberParser phones;
    private final TherapySessions sessions;
    private final Assessments assessments;
    private final ActionLog log;
    private final ServerActions serverActions;
    private final AuthSessions authSessions;
    private final Audit audit;
    private final Settings settings;
    private final ManagedRecords managed;

    /**
     * Wires the use case, with nothing managed by a directory.
     *
     * @param users where users are stored
     * @param phones normalises phones to E.164
     * @param sessions the therapy sessions
     * @param assessments the surveys
     * @param log the action logs, for exports
     * @param serverActions appends notices and refetch signals
     * @param authSessions ends a disabled user's logins
     * @param audit records every call
     * @param settings the longest notice body ({@link Settings#maxBodyLength()})
     */
    public AdminService(UserStore users, PhoneNumberParser phones, TherapySessions sessions, Assessments assessments,
                        ActionLog log, ServerActions serverActions, AuthSessions authSessions, Audit audit,
                        Settings settings) {
        this(users, phones, sessions, assessments, log, serverActions, authSessions, audit, settings,
                ManagedRecords.none());
    }

    /**
     * Wires the use case with a directory's marks: writes to the users and sessions it owns are
     * refused with {@link ManagedElsewhere}; notices and ending a session stay allowed.
     *
     * @param users where users are stored
     * @param phones normalises phones to E.164
     * @param sessions the therapy sessions
     * @param assessments the surveys
     * @param log the action logs, for exports
     * @param serverActions appends notices and refetch signals
     * @param authSessions ends a disabled user's logins
     * @param audit records every call
     * @param settings the longest notice body ({@link Settings#maxBodyLength()})
     * @param managed which users and sessions a directory owns
     */
    public AdminService(UserStore users, PhoneNumberParser phones, TherapySessions sessions, Assessments assessments,
                        ActionLog log, ServerActions serverActions, AuthSessions authSessions, Audit audit,
                        Settings settings, ManagedRecords managed) {
        this.managed = managed;
        this.authSessions = authSessions;
        this.settings = settings;
        this.audit = audit;
        this.users = users;
        this.phones = phones;
        this.sessions = sessions;
        this.assessments = assessments;
        this.log = log;
        this.serverActions = serverActions;
    }

    /**
     * As the system (demo data, an embedder): audited with the actor {@code system}.
     *
     * @param id the user
     * @param spec the fields as received
     * @return the stored user
     * @throws ValidationFailed naming the bad field, or {@code identifier} when another user has
     *     this phone and identifier
     */
    public User putUser(UserId id, UserSpec spec) {
        return putUser(Actor.SYSTEM, id, spec);
    }

    /**
     * Creates or replaces the user, or disables them: that ends their login sessions at once, and
     * so does a new phone or identifier; nothing of theirs is deleted. A spec with only {@code disabled} changes just that flag of an
     * existing user.
     *
     * @param actor who calls
     * @param id the user
     * @param spec the fields as received
     * @return the stored user
     * @throws ValidationFailed naming the bad field, or {@code identifier} when another user has
     *     this phone and identifier
     */
    public User putUser(Actor actor, UserId id, UserSpec spec) {
        return audit.recorded(actor, "user.put", id.value(), () -> {
            refuseManaged(ManagedRecords.Kind.USER, id.value(), "User " + id.value());
            return storeUser(validUser(id, spec));
        });
    }

    /**
     * The user a PUT would store: every field given replaces the user; only {@code disabled} given
     * (an existing user's) sets that flag alone. Without {@code disabled} the user keeps theirs.
     */
    User validUser(UserId id, UserSpec spec) {
        Optional<User> current = users.findById(id);
        boolean onlyTheFlag = spec.role() == null && spec.displayName() == null && spec.phone() == null
                && spec.identifier() == null && spec.disabled() != null;
        if (onlyTheFlag && current.isPresent()) {
            return current.get().withDisabled(spec.disabled());
        }
        Role role = field("role", () -> Role.fromWire(spec.role()));
        PhoneNumber phone = phones.parse(spec.phone());
        Identifier identifier = field("identifier", () -> new Identifier(spec.identifier()));
        String displayName = required(spec.displayName(), "displayName");
        boolean disabled = spec.disabled() == null ? current.map(User::disabled).orElse(false) : spec.disabled();
        User user = field("displayName", () -> new User(id, role, displayName, phone, identifier, disabled));
        boolean ambiguous = users.findByPhone(phone).stream()
                .anyMatch(other -> !other.id().equals(id) && other.identifier().matches(identifier));
        if (ambiguous) {
            throw new ValidationFailed("identifier", "another user has this phone and identifier");
        }
        return user;
    }

    User storeUser(User user) {
        Optional<User> before = users.findById(user.id());
        users.put(user);
        stored(before, user);
        return user;
    }

    /** As {@link #storeUser} for many at once (a directory sync): the users read once, written in one batch. */
    void storeUsers(List<User> list) {
        if (list.size() < 2) {
            list.forEach(this::storeUser);
            return;
        }
        Map<UserId, User> before = new java.util.HashMap<>();
        users.list().forEach(u -> before.put(u.id(), u));
        users.putAll(list);
        list.forEach(u -> stored(Optional.ofNullable(before.get(u.id())), u));
    }

    /** What a stored user's change means beyond its row: logins ended, open chats told. */
    private void stored(Optional<User> before, User user) {
        // a new phone or identifier is a new way in: logins made with the old one end
        boolean newCredentials = before.isPresent() && (!before.get().phone().equals(user.phone())
                || !before.get().identifier().matches(user.identifier()));
        if (user.disabled() || newCredentials) {
            authSessions.endAllOf(user.id());
        }
        // members' names and roles are part of their sessions' details: open chats refetch them
        boolean shownDifferently = before.isPresent() && (!before.get().displayName().equals(user.displayName())
                || before.get().role() != user.role());
        if (shownDifferently) {
            for (TherapySession session : sessions.listForMember(user.id())) {
                audit.afterChange(() -> serverActions.chatDetailsChanged(session.id()));
            }
        }
    }

    /**
     * Sets only what an admin owns (name, topic, date, admission, the member list): never status,
     * whiteboard or a member's admitted/revoked state, so it cannot undo a therapist's concurrent
     * change. Members' roles are not stored with the session: they come from their user records.
     * Acts as {@link Actor#SYSTEM}.
     *
     * @param id the therapy session
     * @param spec the fields as received
     * @return the session as stored, with its members' roles
     * @throws ValidationFailed naming the bad field; {@code members} for an unknown user, staff, or a repeat
     */
    public DefinedSession putTherapySession(TherapySessionId id, TherapySessionSpec spec) {
        return putTherapySession(Actor.SYSTEM, id, spec);
    }

    /**
     * As {@link #putTherapySession(TherapySessionId, TherapySessionSpec)}, audited under {@code actor}.
     * A change to an existing session appends {@code update_chat_details}.
     *
     * @param actor who calls
     * @param id the therapy session
     * @param spec the fields as received
     * @return the session as stored, with its members' roles
     * @throws ValidationFailed naming the bad field
     */
    public DefinedSession putTherapySession(Actor actor, TherapySessionId id, TherapySessionSpec spec) {
        return audit.recorded(actor, "session.put", id.value(), () -> {
            refuseManaged(ManagedRecords.Kind.SESSION, id.value(), "Therapy session " + id.value());
            return defineSession(id, spec);
        });
    }

    private DefinedSession defineSession(TherapySessionId id, TherapySessionSpec spec) {
        String name = required(spec.name(), "name");
        if (name.length() > 200) {
            throw new ValidationFailed("name", "name must be 1-200 characters");
        }
        String topic = spec.topic() == null ? "" : spec.topic();
        if (topic.length() > 2000) {
            throw new ValidationFailed("topic", "topic must be at most 2000 characters");
        }
        Instant date = field("date", () -> Instant.parse(required(spec.date(), "date")));
        Admission admission = spec.admission() == null ? Admission.AUTO
                : field("admission", () -> Admission.fromWire(spec.admission()));
        Map<UserId, Role> roles = new LinkedHashMap<>();
        for (String raw : spec.members() == null ? List.<String>of() : spec.members()) {
            UserId userId = field("members", () -> UserId.of(raw));
            User user = users.findById(userId)
                    .orElseThrow(() -> new ValidationFailed("members", "no user " + raw + "; PUT the user first"));
            if (user.isStaff()) {
                throw new ValidationFailed("members", raw + " is staff: staff run the study, they are not members");
            }
            if (roles.put(userId, user.role()) != null) {
                throw new ValidationFailed("members", "members must be distinct");
            }
        }
        storeSession(new SessionDefinition(id, name, topic, date, admission, List.copyOf(roles.keySet())));
        // Read back: a concurrent PUT may have changed the list since; every member's role is looked up.
        TherapySession session = sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        for (var m : session.members()) {
            roles.computeIfAbsent(m.user(), u -> users.findById(u).map(User::role).orElse(Role.PARTICIPANT));
        }
        roles.keySet().retainAll(session.members().stream().map(m -> m.user()).toList());
        return new DefinedSession(session, roles);
    }

    /**
     * As the system: replaces a member's surveys for one session.
     *
     * @param id the therapy session
     * @param participant the member whose surveys these are
     * @param specs the full list, in order
     * @return the stored list
     * @throws NotFound if there is no such session
     * @throws ValidationFailed {@code userId} for a non-member, or naming the bad field
     */
    public List<Assessment> putAssessments(TherapySessionId id, UserId participant, List<AssessmentSpec> specs) {
        return putAssessments(Actor.SYSTEM, id, participant, specs);
    }

    /**
     * Replaces a member's surveys for one session; a change appends {@code update_assessments}.
     *
     * @param actor who calls
     * @param id the therapy session
     * @param participant the member whose surveys these are
     * @param specs the full list, in order, names distinct; {@code due} defaults to {@code post}
     * @return the stored list
     * @throws NotFound if there is no such session
     * @throws ValidationFailed {@code userId} for a non-member, or naming the bad field
     */
    public List<Assessment> putAssessments(Actor actor, TherapySessionId id, UserId participant, List<AssessmentSpec> specs) {
        return audit.recorded(actor, "assessments.put", id.value() + "/" + participant.value(),
                () -> {
                    refuseManaged(ManagedRecords.Kind.SESSION, id.value(), "The surveys of therapy session " + id.value());
                    return storeAssessments(id, participant, specs);
                });
    }

    private List<Assessment> storeAssessments(TherapySessionId id, UserId participant, List<AssessmentSpec> specs) {
        TherapySession session = sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        if (session.member(participant).isEmpty()) {
            throw new ValidationFailed("userId", participant + " is not a member of this session");
        }
        if (specs == null) {
            throw new ValidationFailed("assessments", "assessments is required");
        }
        List<Assessment> list = new ArrayList<>();
        for (AssessmentSpec spec : specs) {
            list.add(assessment(spec));
        }
        if (list.stream().map(Assessment::name).distinct().count() != list.size()) {
            throw new ValidationFailed("assessments", "assessment names must be distinct");
        }
        storeAssessmentList(id, participant, list);
        return List.copyOf(list);
    }

    /** Replaces a member's surveys when they differ; open chats refetch them once the unit committed. */
    boolean storeAssessmentList(TherapySessionId id, UserId participant, List<Assessment> list) {
        return storeAssessmentList(id, participant, list, true);
    }

    /** ... telling open chats only when {@code hint} (a session created in the same unit has none). */
    boolean storeAssessmentList(TherapySessionId id, UserId participant, List<Assessment> list, boolean hint) {
        if (assessments.find(id, participant).equals(list)) {
            return false;
        }
        assessments.put(id, participant, list);
        if (hint) {
            audit.afterChange(() -> serverActions.assessmentsChanged(id, participant));
        }
        return true;
    }

    /** Stores a session's definition; a change to an existing one has open chats refetch its details. */
    void storeSession(SessionDefinition definition) {
        if (sessions.define(definition) == TherapySessions.Defined.CHANGED) {
            audit.afterChange(() -> serverActions.chatDetailsChanged(definition.id()));
        }
    }

    /**
     * The directory that owns a user or session, for showing it as such (the console marks it).
     *
     * @param kind user or session
     * @param id its id
     * @return the directory's name, empty when it is edited here
     */
    public Optional<String> managedBy(ManagedRecords.Kind kind, String id) {
        return managed.source(kind, id);
    }

    /**
     * Every mark of one kind, for a list.
     *
     * @param kind user or session
     * @return id to the directory's name
     */
    public Map<String, String> managed(ManagedRecords.Kind kind) {
        return managed.all(kind);
    }

    ManagedRecords marks() {
        return managed;
    }

    private void refuseManaged(ManagedRecords.Kind kind, String id, String what) {
        Optional<String> source = managed.source(kind, id);
        if (source.isPresent()) {
            throw new ManagedElsewhere(source.get(), what);
        }
    }

    /**
     * As the system: appends a public notice to the session's chat.
     *
     * @param id the therapy session
     * @param body the text, 1 to {@link Settings#maxBodyLength()} characters (default 4,000)
     * @throws NotFound if there is no such session
     * @throws ValidationFailed {@code body} if blank or too long
     */
    public void postNotice(TherapySessionId id, String body) {
        postNotice(Actor.SYSTEM, id, body);
    }

    /**
     * Appends a public notice (sender {@code system}) to the session's chat.
     *
     * @param actor who calls
     * @param id the therapy session
     * @param body the text, 1 to {@link Settings#maxBodyLength()} characters (default 4,000)
     * @throws NotFound if there is no such session
     * @throws ValidationFailed {@code body} if blank or too long
     */
    public void postNotice(Actor actor, TherapySessionId id, String body) {
        audit.recorded(actor, "notice.post", id.value(), () -> appendNotice(id, body));
    }

    /**
     * Ends the session as its therapist would: status ended, the closing notice, no further chat
     * actions, "post" surveys due. Ending it again changes nothing.
     *
     * @param actor who calls
     * @param id the therapy session
     * @throws NotFound if there is no such session
     */
    public void endTherapySession(Actor actor, TherapySessionId id) {
        audit.recorded(actor, "session.end", id.value(), () -> {
            sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
            SessionEnding.end(sessions, serverActions, id);
        });
    }

    private void appendNotice(TherapySessionId id, String body) {
        sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        String text = required(body, "body");
        if (text.isBlank() || text.length() > settings.maxBodyLength()) {
            throw new ValidationFailed("body", "body must be 1-" + settings.maxBodyLength() + " characters");
        }
        serverActions.notice(id, text, ServerActions.SYSTEM);
    }

    /**
     * For the researchers: every action as stored, deleted bodies and research fields included. Audited.
     *
     * @param actor who exports
     * @param id the therapy session
     * @param format the format the adapter will write ({@code json} or {@code csv}), for the audit only
     * @return the whole log, ascending
     * @throws NotFound if there is no such session
     */
    public List<StoredAction> export(Actor actor, TherapySessionId id, String format) {
        return audit.recorded(actor, "session.export", id.value() + " " + format, () -> export(id));
    }

    /**
     * The whole log as stored (not audited: for reads inside the core, e.g. statistics).
     *
     * @param id the therapy session
     * @return every action, ascending, deleted bodies and research fields included
     * @throws NotFound if there is no such session
     */
    public List<StoredAction> export(TherapySessionId id) {
        sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        List<StoredAction> all = new ArrayList<>();
        long after = 0;
        List<StoredAction> page;
        do {
            page = log.readAfter(id, after, EXPORT_PAGE);
            all.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1).id().value();
        } while (page.size() == EXPORT_PAGE);
        return all;
    }

    private static Assessment assessment(AssessmentSpec spec) {
        String name = required(spec.name(), "name");
        if (name.length() > 200) {
            throw new ValidationFailed("name", "name must be at most 200 characters");
        }
        Assessment.Due due = spec.due() == null ? Assessment.Due.POST : field("due", () -> Assessment.Due.fromWire(spec.due()));
        String status = required(spec.status(), "status");
        if (!status.equals("complete") && !status.equals("incomplete")) {
            throw new ValidationFailed("status", "status must be complete or incomplete");
        }
        Assessment plain = field("url", () -> new Assessment(name, due, status.equals("complete"), Optional.ofNullable(spec.url())));
        Optional<String> label = Optional.ofNullable(spec.label());
        Assessment labelled = field("label", () -> new Assessment(name, due, plain.complete(), plain.url(), label, java.util.Map.of()));
        return spec.labels() == null ? labelled
                : field("labels", () -> new Assessment(name, due, plain.complete(), plain.url(), label, spec.labels()));
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationFailed(field, field + " is required");
        }
        return value;
    }

    static <T> T field(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new ValidationFailed(field, e.getMessage() == null ? field + " is invalid" : e.getMessage());
        }
    }
}
