package org.therapychat.core.chat;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * An action log that tells every instance of each new action (its session and id) once it is
 * stored, so that live connections anywhere wake at once instead of at their next poll.
 */
public final class AnnouncedActionLog implements ActionLog {
    private final ActionLog delegate;
    private final ChangeFeed feed;

    /**
     * Wraps a log.
     *
     * @param delegate the log that stores the actions
     * @param feed where each new action's key is published, after it is stored
     */
    public AnnouncedActionLog(ActionLog delegate, ChangeFeed feed) {
        this.delegate = delegate;
        this.feed = feed;
    }

    /**
     * The feed key of an appended action.
     *
     * @param session the therapy session
     * @param id the action's id
     * @return {@code "<session id> <action id>"}
     */
    public static String key(TherapySessionId session, ActionId id) {
        return session.value() + " " + id.value();
    }

    @Override
    public Appended append(TherapySessionId session, NewAction action) {
        Appended appended = delegate.append(session, action);
        if (!appended.duplicate()) {
            feed.publish(ChangeFeed.Topic.ACTION_LOG, key(session, appended.id()));
        }
        return appended;
    }

    @Override
    public Optional<StoredAction> find(TherapySessionId session, ActionId id) {
        return delegate.find(session, id);
    }

    @Override
    public Optional<ActionId> close(TherapySessionId session, NewAction closingNotice) {
        Optional<ActionId> notice = delegate.close(session, closingNotice);
        notice.ifPresent(id -> feed.publish(ChangeFeed.Topic.ACTION_LOG, key(session, id)));
        return notice;
    }

    @Override
    public Optional<ActionId> findByClientId(TherapySessionId session, UserId author, String clientId) {
        return delegate.findByClientId(session, author, clientId);
    }

    @Override
    public List<StoredAction> readAfter(TherapySessionId session, long afterId, int limit) {
        return delegate.readAfter(session, afterId, limit);
    }
}
