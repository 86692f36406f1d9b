package org.therapychat.core.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionDefinition;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;

/** Every change is one {@code compute} on the session's entry, so changes to one session run one at a time. */
public final class InMemoryTherapySessions implements TherapySessions {
    private final Map<TherapySessionId, TherapySession> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<TherapySession> find(TherapySessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public List<TherapySession> listForMember(UserId user) {
        return sessions.values().stream().filter(s -> s.member(user).isPresent()).toList();
    }

    @Override
    public List<TherapySession> list() {
        return List.copyOf(sessions.values());
    }

    @Override
    public Defined define(SessionDefinition d) {
        AtomicReference<Defined> outcome = new AtomicReference<>();
        AtomicReference<TherapySession> before = new AtomicReference<>();
        TherapySession written = sessions.compute(d.id(), (id, s) -> {
            before.set(s);
            if (s == null) {
                outcome.set(Defined.CREATED);
                return d.newSession();
            }
            if (d.isMetBy(s)) {
                outcome.set(Defined.UNCHANGED);
                return s;
            }
            outcome.set(Defined.CHANGED);
            List<Member> members = d.members().stream().map(u -> s.member(u).orElse(Member.newcomer(u))).toList();
            return new TherapySession(id, d.name(), d.topic(), d.date(), s.status(), d.admission(), s.whiteboard(), members);
        });
        InMemoryTransactions.onRollback(() -> InMemoryAssessments.restore(sessions, d.id(), written, before.get()));
        return outcome.get();
    }

    @Override
    public boolean setStatus(TherapySessionId id, SessionStatus status) {
        AtomicBoolean changed = new AtomicBoolean();
        update(id, s -> {
            if (!s.status().precedes(status)) {
                return s;
            }
            changed.set(true);
            return s.withStatus(status);
        });
        return changed.get();
    }

    @Override
    public void setWhiteboard(TherapySessionId id, String text) {
        update(id, s -> new TherapySession(s.id(), s.name(), s.topic(), s.date(), s.status(), s.admission(), text,
                s.members()));
    }

    @Override
    public void updateMember(TherapySessionId id, Member member) {
        update(id, s -> new TherapySession(s.id(), s.name(), s.topic(), s.date(), s.status(), s.admission(),
                s.whiteboard(), s.members().stream().map(m -> m.user().equals(member.user()) ? member : m).toList()));
    }

    private void update(TherapySessionId id, UnaryOperator<TherapySession> change) {
        AtomicReference<TherapySession> before = new AtomicReference<>();
        TherapySession written = sessions.computeIfPresent(id, (k, s) -> {
            before.set(s);
            return change.apply(s);
        });
        if (before.get() != null) {
            InMemoryTransactions.onRollback(() -> InMemoryAssessments.restore(sessions, id, written, before.get()));
        }
    }
}
