package org.therapychat.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.chat.ReactionIcon;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.SessionEnding;
import org.therapychat.persistence.jooq.tables.records.ActionsRecord;

/** One action ↔ one row of {@code actions}: one nullable column per field of any type. */
final class ActionRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private ActionRows() {
    }

    static void fill(ActionsRecord r, long id, TherapySessionId session, NewAction a) {
        r.setId(id);
        r.setTherapySessionId(session.value());
        r.setActionType(a.action().type());
        r.setAuthor(a.author().map(UserId::value).orElse(null));
        r.setClientId(a.clientId().orElse(null));
        r.setClientTs(a.clientTs().orElse(null));
        r.setDedupeKey(a.dedupeKey().orElse(null));
        r.setCreatedAt(a.timestamp());
        r.setAudience(joinIds(a.audience().stream().sorted().toList()));
        r.setDeleted(false);
        Action action = a.action();
        if (action instanceof Action.Message m) {
            r.setBody(m.body());
            r.setRecipients(joinIds(m.recipients()));
            r.setTarget(m.target().map(ActionId::value).orElse(null));
            r.setCharacterHistory(toJson(m.characterHistory()));
            r.setTimeToComplete(m.timeToComplete().orElse(null));
            r.setMentions(m.mentions().isEmpty() ? null : joinIds(m.mentions()));
        } else if (action instanceof Action.Reaction re) {
            r.setIcon(re.icon().wireName());
            r.setTarget(re.targetId().value());
        } else if (action instanceof Action.Notice n) {
            r.setBody(n.body());
            r.setSender(n.sender());
            r.setNoticeKind(n.kind().wireName());
            n.attendance().ifPresent(change -> {
                r.setParticipant(change.user().value());
                r.setAttendance(change.wireName());
            });
        } else if (action instanceof Action.UpdateAssessments u) {
            r.setParticipant(u.participant().value());
        } else {
            // delete, message_read: only a target; update_chat_details: nothing
            action.target().ifPresent(t -> r.setTarget(t.value()));
        }
    }

    static StoredAction toAction(ActionsRecord r) {
        return new StoredAction(ActionId.of(r.getId()), TherapySessionId.of(r.getTherapySessionId()),
                Optional.ofNullable(r.getAuthor()).map(UserId::of), r.getCreatedAt(),
                Optional.ofNullable(r.getClientId()), Optional.ofNullable(r.getClientTs()),
                Set.copyOf(splitIds(r.getAudience())), r.getDeleted(), payload(r));
    }

    private static Action payload(ActionsRecord r) {
        return switch (r.getActionType()) {
            case "message" -> new Action.Message(splitIds(r.getRecipients()), r.getBody(),
                    Optional.ofNullable(r.getTarget()).map(ActionId::of), fromJson(r.getCharacterHistory()),
                    Optional.ofNullable(r.getTimeToComplete()), splitIds(r.getMentions()));
            case "delete" -> new Action.Delete(ActionId.of(r.getTarget()));
            case "reaction" -> new Action.Reaction(ReactionIcon.fromWire(r.getIcon()), ActionId.of(r.getTarget()));
            case "message_read" -> new Action.MessageRead(ActionId.of(r.getTarget()));
            case "notice" -> notice(r);
            case "update_assessments" -> new Action.UpdateAssessments(UserId.of(r.getParticipant()));
            case "update_chat_details" -> new Action.UpdateChatDetails();
            default -> throw new IllegalStateException("unknown action type in the log: " + r.getActionType());
        };
    }

    private static Action.Notice notice(ActionsRecord r) {
        Optional<Action.Attendance> attendance = Optional.ofNullable(r.getAttendance())
                .map(a -> new Action.Attendance(UserId.of(r.getParticipant()), a.equals("joined")));
        boolean closes = r.getNoticeKind() != null
                ? r.getNoticeKind().equals(Action.Notice.Kind.SESSION_ENDED.wireName())
                // a row from before V7: the system's closing notice had this text and only it
                : attendance.isEmpty() && ServerActions.SYSTEM.equals(r.getSender())
                        && SessionEnding.CLOSING_NOTICE.equals(r.getBody());
        return new Action.Notice(r.getBody(), r.getSender(), attendance, closes);
    }

    /** User ids cannot contain commas, so a comma list is unambiguous. */
    private static String joinIds(Collection<UserId> ids) {
        return ids.stream().map(UserId::value).collect(Collectors.joining(","));
    }

    private static List<UserId> splitIds(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(UserId::of).toList();
    }

    private static String toJson(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> fromJson(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("character_history column is not a JSON list", e);
        }
    }
}
