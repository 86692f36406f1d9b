package org.therapychat.core.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ActionOutcome.Accepted;
import org.therapychat.core.chat.ActionOutcome.Rejected;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapyAccess;
import org.therapychat.core.therapy.TherapyAccess.Membership;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.core.therapy.TherapySessions;

/**
 * The chat of SPEC §3: handleActions (sync), getActions and saveActions. Every queued action
 * gets its own outcome; one bad action never costs the others. Every call first requires the
 * caller to be in the chat ({@link TherapyAccess#requireInChat}) and counts as a presence heartbeat.
 * Safe for concurrent use; the {@link ActionLog} orders concurrent appends.
 */
public final class ChatService {
    /** At most this many actions per read; the poller gets the rest on its next poll. */
    public static final int READ_PAGE = 500;

    private final ActionLog log;
    private final TherapyAccess access;
    private final TherapyService therapy;
    private final ActionValidator validator;
    private final Clock clock;
    private final Settings settings;

    /**
     * Wires the chat.
     *
     * @param log the therapy sessions' action logs
     * @param sessions reads membership and status
     * @param therapy keeps presence on every call
     * @param users the display names that mentions match
     * @param clock stamps the actions
     * @param settings the body and queue limits
     */
    public ChatService(ActionLog log, TherapySessions sessions, TherapyService therapy, UserDirectory users, Clock clock,
                       Settings settings) {
        this.log = log;
        this.access = new TherapyAccess(sessions);
        this.therapy = therapy;
        this.validator = new ActionValidator(log, users, settings);
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * handleActions: store the queue, then answer everything new since {@code maxId} that the caller may see.
     *
     * @param caller the authenticated user; every action is theirs, whatever a client claims
     * @param id the therapy session
     * @param maxId the highest id the client has seen; 0 at first
     * @param queue the client's actions, at most {@link Settings#maxQueueLength()}
     * @return each action's outcome, then the visible actions after {@code maxId} and the new {@code maxID}
     * @throws ValidationFailed if {@code maxId} is negative or the queue is too long (nothing is stored)
     * @throws NotAllowed if the caller is not a member, is revoked, has not entered the session or
     *     awaits admission
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public SyncResult sync(Caller caller, TherapySessionId id, long maxId, List<QueuedAction> queue) {
        requireCursor(maxId);
        Membership where = enterChat(caller, id);
        List<ActionOutcome> outcomes = store(caller, where, queue);
        return new SyncResult(
                outcomes.stream().filter(Accepted.class::isInstance).map(Accepted.class::cast).toList(),
                outcomes.stream().filter(Rejected.class::isInstance).map(Rejected.class::cast).toList(),
                read(caller, where, maxId));
    }

    /**
     * getActions: the visible actions after {@code sinceId}, at most {@link #READ_PAGE} examined.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @param sinceId the highest id the client has seen; 0 at first
     * @return the visible actions in chat form and the new {@code maxID}
     * @throws ValidationFailed if {@code sinceId} is negative
     * @throws NotAllowed if the caller may not be in the chat
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public ChatRead read(Caller caller, TherapySessionId id, long sinceId) {
        requireCursor(sinceId);
        return read(caller, enterChat(caller, id), sinceId);
    }

    /**
     * saveActions: the outcomes in queue order.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @param queue the client's actions, at most {@link Settings#maxQueueLength()}
     * @return one outcome per queued action, in queue order
     * @throws ValidationFailed if the queue is too long (nothing is stored)
     * @throws NotAllowed if the caller may not be in the chat
     * @throws org.therapychat.core.common.DomainException.NotFound if there is no such therapy session
     */
    public List<ActionOutcome> save(Caller caller, TherapySessionId id, List<QueuedAction> queue) {
        return store(caller, enterChat(caller, id), queue);
    }

    private Membership enterChat(Caller caller, TherapySessionId id) {
        Membership where = access.requireInChat(caller, id);
        therapy.heartbeat(caller, id);
        return where;
    }

    private List<ActionOutcome> store(Caller caller, Membership where, List<QueuedAction> queue) {
        if (queue.size() > settings.maxQueueLength()) {
            throw new ValidationFailed("actionQueue", "at most " + settings.maxQueueLength() + " actions per request");
        }
        List<ActionOutcome> outcomes = new ArrayList<>(queue.size());
        for (int index = 0; index < queue.size(); index++) {
            outcomes.add(storeOne(caller, where, index, queue.get(index)));
        }
        return outcomes;
    }

    /**
     * An action without clientId is stored too (SPEC §3.0); it just cannot be recognised on a resend.
     * A resend is recognised by the log itself when it would be stored again (an append with a known
     * clientId answers the earlier id, under the lock that orders appends), so a new action costs no
     * lookup; only a resend that would now be refused (the session ended, the target went away) is
     * looked up, and answered with the id it got the first time — as is a resend whose write (or a
     * read its validation needs) fails now: before, a resend needed only that lookup.
     */
    private ActionOutcome storeOne(Caller caller, Membership where, int index, QueuedAction queued) {
        String clientId = queued.clientId();
        try {
            if (clientId != null) {
                ActionValidator.requireClientId(clientId);
            }
        } catch (ValidationFailed e) {
            return new Rejected(index, clientId, e.field(), "invalid_field", e.getMessage());
        }
        ActionOutcome outcome;
        try {
            outcome = storeNew(caller, where, index, queued);
        } catch (PortFailure e) {
            // the write (or a read validation needs) failed: a resend is still answered from what was stored
            Optional<ActionId> earlier;
            try {
                earlier = storedBefore(caller, where, clientId);
            } catch (PortFailure again) {
                e.addSuppressed(again);
                throw e;
            }
            return new Accepted(index, clientId, earlier.orElseThrow(() -> e));
        }
        if (outcome instanceof Rejected) {
            Optional<ActionId> earlier = storedBefore(caller, where, clientId);
            if (earlier.isPresent()) {
                return new Accepted(index, clientId, earlier.get());
            }
        }
        return outcome;
    }

    /** The id the caller's action with this clientId got when it was first stored; empty without a clientId. */
    private Optional<ActionId> storedBefore(Caller caller, Membership where, String clientId) {
        return clientId == null ? Optional.empty() : log.findByClientId(where.session().id(), caller.id(), clientId);
    }

    private ActionOutcome storeNew(Caller caller, Membership where, int index, QueuedAction queued) {
        String clientId = queued.clientId();
        try {
            if (queued instanceof QueuedAction.Unreadable u) {
                return new Rejected(index, clientId, u.field(), "invalid_field", u.message());
            }
            // Only a fast answer: the log itself refuses a client's action once the session's chat is closed.
            if (where.session().status() == SessionStatus.ENDED) {
                return new Rejected(index, clientId, null, "session_ended", "This session has ended.");
            }
            if (queued instanceof QueuedAction.Request r && ActionValidator.isServerType(r.type())) {
                return new Rejected(index, clientId, "type", "type_not_allowed", r.type() + " actions come from the server only");
            }
            Instant now = clock.now();
            NewAction action = validator.validate((QueuedAction.Request) queued, caller, where, now);
            return new Accepted(index, clientId, log.append(where.session().id(), action).id());
        } catch (ValidationFailed e) {
            return new Rejected(index, clientId, e.field(), "invalid_field", e.getMessage());
        } catch (NotAllowed e) {
            if (!e.code().equals("session_ended")) {
                throw e;
            }
            return new Rejected(index, clientId, null, "session_ended", e.getMessage());
        }
    }

    private static void requireCursor(long maxId) {
        if (maxId < 0) {
            throw new ValidationFailed("maxID", "maxID must not be negative");
        }
    }

    private ChatRead read(Caller caller, Membership where, long sinceId) {
        List<StoredAction> page = log.readAfter(where.session().id(), sinceId, READ_PAGE);
        long maxId = page.isEmpty() ? sinceId : page.get(page.size() - 1).id().value();
        List<StoredAction> visible = page.stream()
                .filter(a -> a.isVisibleTo(caller.id(), where.isTherapist()))
                .map(StoredAction::forChat)
                .toList();
        return new ChatRead(visible, maxId);
    }
}
