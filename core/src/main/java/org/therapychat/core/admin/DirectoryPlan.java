package org.therapychat.core.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.ManagedRecords;
import org.therapychat.core.directory.Study;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Admission;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionDefinition;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;

/**
 * What a directory read would change, worked out by reading only: the people, sessions and survey
 * lists that differ from what is stored, the marks to add, and the records that cannot be used. A
 * person the directory still lists, even as an unusable record, is never disabled.
 */
final class DirectoryPlan {
    /** Which records of a read to apply: all of them (a full read), or one record read afresh. */
    record Scope(Optional<String> record) {
        static Scope all() {
            return new Scope(Optional.empty());
        }

        static Scope record(String id) {
            return new Scope(Optional.of(id));
        }

        boolean full() {
            return record.isEmpty();
        }

        boolean covers(String id) {
            return record.map(id::equals).orElse(true);
        }
    }

    /** The writes of one sync, and what staff should fix. */
    record Changes(List<User> users, List<String> userMarks, List<SessionDefinition> sessions,
                   List<TherapySessionId> created, List<String> sessionMarks, List<Study.Surveys> surveys,
                   List<Study.Issue> skipped, List<Study.Issue> warnings) {
        int size() {
            return users.size() + userMarks.size() + sessions.size() + sessionMarks.size() + surveys.size();
        }

        boolean isEmpty() {
            return size() == 0;
        }

        String summary() {
            return users.size() + " users, " + sessions.size() + " sessions, " + surveys.size() + " survey lists, "
                    + (userMarks.size() + sessionMarks.size()) + " new marks";
        }
    }

    private final String source;
    private final ManagedRecords managed;
    private final UserStore users;
    private final TherapySessions sessions;
    private final Assessments assessments;
    private Set<UserId> lastUsable = Set.of();

    DirectoryPlan(String source, ManagedRecords managed, UserStore users, TherapySessions sessions,
                  Assessments assessments) {
        this.source = source;
        this.managed = managed;
        this.users = users;
        this.sessions = sessions;
        this.assessments = assessments;
    }

    Changes plan(Study study, Scope scope) {
        return plan(study, scope, null);
    }

    /**
     * ... disabling, on a full read, only people the directory owned before that read was asked for
     * ({@code ownedBeforeRead}; null: those owned now): a person another instance synced while this
     * read was on its way is absent from it without having left.
     */
    Changes plan(Study study, Scope scope, Map<String, String> ownedBeforeRead) {
        Map<String, String> ownedUsers = managed.all(ManagedRecords.Kind.USER);
        Map<String, String> ownedSessions = managed.all(ManagedRecords.Kind.SESSION);
        if (scope.full() && study.people().isEmpty() && ownedUsers.containsValue(source)) {
            // an empty answer is far likelier a broken export than a study whose every person left
            throw new DirectoryUnavailable(source + " listed nobody; the last sync is kept and nobody was disabled");
        }
        Function<UserId, Optional<User>> current = currentUsers(scope);
        List<Study.Issue> skipped = new ArrayList<>(study.skipped());
        List<Study.Issue> warnings = new ArrayList<>(study.warnings());
        Set<String> skippedRecords = new HashSet<>();
        study.skipped().forEach(i -> skippedRecords.add(i.record()));
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), skipped, warnings);

        Set<UserId> usable = people(study, scope, current, ownedUsers, skippedRecords, changes);
        if (scope.full()) {
            Map<String, String> leaving = ownedUsers;
            if (ownedBeforeRead != null) {
                leaving = new HashMap<>(ownedUsers);
                leaving.keySet().retainAll(ownedBeforeRead.keySet());
            }
            disableThoseWhoLeft(study, leaving, skippedRecords, current, changes);
        }
        Map<TherapySessionId, List<UserId>> members = sessions(study, scope, usable, ownedSessions, changes);
        Map<TherapySessionId, List<Study.Surveys>> bySession = new LinkedHashMap<>();
        for (Study.Surveys s : study.surveys()) {
            if (scope.covers(s.session().value()) || scope.covers(s.person().value())) {
                bySession.computeIfAbsent(s.session(), k -> new ArrayList<>()).add(s);
            }
        }
        bySession.forEach((session, lists) -> {
            List<UserId> of = members.containsKey(session) ? members.get(session)
                    : sessions.find(session).map(t -> t.members().stream().map(Member::user).toList()).orElse(List.of());
            List<Study.Surveys> ofMembers = lists.stream().filter(s -> of.contains(s.person())).toList();
            // a session this sync creates has no surveys yet: nothing to read
            Map<UserId, List<org.therapychat.core.therapy.Assessment>> stored = changes.created().contains(session)
                    ? Map.of() : assessments.forMembers(session, ofMembers.stream().map(Study.Surveys::person).toList());
            for (Study.Surveys s : ofMembers) {
                if (!stored.getOrDefault(s.person(), List.of()).equals(s.assessments())) {
                    changes.surveys().add(s);
                }
            }
        });
        return changes;
    }

    /** Every user the read leaves in place (listed and usable, or listed as unusable but known). */
    private Set<UserId> people(Study study, Scope scope, Function<UserId, Optional<User>> current,
                               Map<String, String> owned, Set<String> skippedRecords, Changes changes) {
        Set<UserId> usable = new HashSet<>();
        Map<String, UserId> pairs = new HashMap<>();
        Map<String, UserId> existingPairs = scope.full() ? pairsOf(current) : null;
        for (User person : study.people()) {
            if (!scope.covers(person.id().value())) {
                // checked by the last full read; a record read afresh is about its own record only
                if (lastUsable.contains(person.id())) {
                    usable.add(person.id());
                }
                continue;
            }
            String pair = person.phone().e164() + " " + person.identifier().normalized();
            Optional<User> stored = current.apply(person.id());
            UserId twin = pairs.putIfAbsent(pair, person.id());
            Optional<UserId> holder = existingPairs != null ? Optional.ofNullable(existingPairs.get(pair))
                    : users.findByPhone(person.phone()).stream()
                            .filter(u -> u.identifier().matches(person.identifier())).map(User::id).findFirst();
            Optional<User> local = stored.filter(u -> !owned.containsKey(u.id().value()));
            String problem = local.filter(User::isStaff).isPresent()
                    ? "user " + person.id() + " exists in TherapyChat as staff"
                    // a user made here is taken over only when it is the same person (same phone and last name):
                    // a record must not take someone's login, nor later disable them by going away
                    : local.filter(u -> !samePair(u, person)).isPresent()
                    ? "user " + person.id() + " exists in TherapyChat with another phone or last name"
                    : twin != null ? "same phone and last name as record " + twin
                    : holder.filter(h -> !h.equals(person.id())).isPresent()
                            ? "phone and last name belong to TherapyChat user " + holder.get()
                            : null;
            if (problem != null) {
                changes.skipped().add(new Study.Issue(person.id().value(), problem));
                if (stored.isPresent() && owned.containsKey(person.id().value())) {
                    usable.add(person.id());
                }
                continue;
            }
            usable.add(person.id());
            if (!stored.equals(Optional.of(person))) {
                changes.users().add(person);
            }
            if (!owned.containsKey(person.id().value())) {
                changes.userMarks().add(person.id().value());
            }
        }
        for (String record : skippedRecords) {
            // only a record it owns can be a user: a skipped record's id may be no user id at all
            if (owned.containsKey(record) && current.apply(UserId.of(record)).isPresent()) {
                usable.add(UserId.of(record));
            }
        }
        if (scope.full()) {
            lastUsable = Set.copyOf(usable);
        }
        return usable;
    }

    private void disableThoseWhoLeft(Study study, Map<String, String> owned, Set<String> skippedRecords,
                                     Function<UserId, Optional<User>> current, Changes changes) {
        Set<String> listed = new HashSet<>(skippedRecords);
        study.people().forEach(p -> listed.add(p.id().value()));
        owned.forEach((id, by) -> {
            if (by.equals(source) && !listed.contains(id)) {
                current.apply(UserId.of(id)).filter(u -> !u.disabled())
                        .ifPresent(u -> changes.users().add(u.withDisabled(true)));
            }
        });
    }

    private Map<TherapySessionId, List<UserId>> sessions(Study study, Scope scope, Set<UserId> usable,
                                                         Map<String, String> owned, Changes changes) {
        Map<TherapySessionId, List<UserId>> members = new LinkedHashMap<>();
        Map<TherapySessionId, TherapySession> stored = new HashMap<>();
        if (scope.full()) {
            sessions.list().forEach(s -> stored.put(s.id(), s));
        }
        for (Study.Session s : study.sessions()) {
            if (!scope.covers(s.id().value()) && scope.record().map(r -> s.members().stream().noneMatch(m -> m.value().equals(r))).orElse(false)) {
                continue;
            }
            List<UserId> kept = new ArrayList<>();
            for (UserId m : s.members()) {
                if (usable.contains(m)) {
                    kept.add(m);
                } else if (scope.covers(s.id().value())) {
                    changes.warnings().add(new Study.Issue(s.id().value(), "member " + m + " is not a usable person record"));
                }
            }
            members.put(s.id(), kept);
            if (!scope.covers(s.id().value())) {
                continue;
            }
            Optional<TherapySession> now = scope.full() ? Optional.ofNullable(stored.get(s.id())) : sessions.find(s.id());
            if (now.isPresent() && !owned.containsKey(s.id().value())) {
                // a session made here is taken over only when everyone in it is one of the directory's people:
                // a record must not drop users made here from their chat, nor let its people into that chat's history
                List<String> others = now.get().members().stream().map(Member::user).filter(m -> !usable.contains(m))
                        .map(UserId::value).toList();
                if (!others.isEmpty()) {
                    changes.skipped().add(new Study.Issue(s.id().value(), "therapy session " + s.id()
                            + " exists in TherapyChat with members not from " + source + ": " + String.join(", ", others)));
                    members.remove(s.id());
                    continue;
                }
            }
            SessionDefinition definition;
            try {
                definition = new SessionDefinition(s.id(), s.name(), s.topic(), s.date(),
                        now.map(TherapySession::admission).orElse(Admission.AUTO), kept);
            } catch (IllegalArgumentException e) {
                changes.skipped().add(new Study.Issue(s.id().value(), e.getMessage()));
                members.remove(s.id());
                continue;
            }
            if (now.isEmpty() || !definition.isMetBy(now.get())) {
                changes.sessions().add(definition);
            }
            if (now.isEmpty()) {
                changes.created().add(s.id());
            }
            if (!owned.containsKey(s.id().value())) {
                changes.sessionMarks().add(s.id().value());
            }
        }
        return members;
    }

    private static boolean samePair(User a, User b) {
        return a.phone().e164().equals(b.phone().e164()) && a.identifier().normalized().equals(b.identifier().normalized());
    }

    /** Every stored user at once for a full read; one by one for a record. */
    private Function<UserId, Optional<User>> currentUsers(Scope scope) {
        if (!scope.full()) {
            return users::findById;
        }
        return new AllUsers(users.list());
    }

    private static Map<String, UserId> pairsOf(Function<UserId, Optional<User>> current) {
        Map<String, UserId> pairs = new HashMap<>();
        ((AllUsers) current).list.forEach(u -> pairs.put(u.phone().e164() + " " + u.identifier().normalized(), u.id()));
        return pairs;
    }

    private static final class AllUsers implements Function<UserId, Optional<User>> {
        private final List<User> list;
        private final Map<UserId, User> byId = new HashMap<>();

        AllUsers(List<User> list) {
            this.list = list;
            list.forEach(u -> byId.put(u.id(), u));
        }

        @Override
        public Optional<User> apply(UserId id) {
            return Optional.ofNullable(byId.get(id));
        }
    }
}
