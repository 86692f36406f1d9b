package org.therapychat.core.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;

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
    public void put(TherapySession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public void setStatus(TherapySessionId id, SessionStatus status) {
        update(id, s -> s.withStatus(status));
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
        sessions.computeIfPresent(id, (k, s) -> change.apply(s));
    }
}
