package org.therapychat.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.UserId;

/** What happened in a chat. The first four come from clients; the rest only from the server. */
public sealed interface Action {
    /** The wire name, e.g. {@code message_read}. */
    String type();

    default Optional<ActionId> target() {
        return Optional.empty();
    }

    /**
     * A public message (no recipients) or a private one; a reply when it has a target.
     * {@code characterHistory} and {@code timeToComplete} are research data, never shown to others.
     * {@code mentions} are worked out by the server ({@link Mentions}): members named who can see it.
     */
    record Message(List<UserId> recipients, String body, Optional<ActionId> target,
                   List<String> characterHistory, Optional<String> timeToComplete, List<UserId> mentions)
            implements Action {
        public Message {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(target, "target");
            characterHistory = List.copyOf(characterHistory);
            Objects.requireNonNull(timeToComplete, "timeToComplete");
            mentions = List.copyOf(mentions);
        }

        /** A message that mentions nobody. */
        public Message(List<UserId> recipients, String body, Optional<ActionId> target,
                       List<String> characterHistory, Optional<String> timeToComplete) {
            this(recipients, body, target, characterHistory, timeToComplete, List.of());
        }

        public boolean isPrivate() {
            return !recipients.isEmpty();
        }

        /** The form every chat read shows: no research data, and no body (nor whom it named) once deleted. */
        Message forChat(boolean deleted) {
            return new Message(recipients, deleted ? "" : body, target, List.of(), Optional.empty(),
                    deleted ? List.of() : mentions);
        }

        @Override
        public String type() {
            return "message";
        }
    }

    record Delete(ActionId targetId) implements Action {
        public Delete {
            Objects.requireNonNull(targetId, "target");
        }

        @Override
        public String type() {
            return "delete";
        }

        @Override
        public Optional<ActionId> target() {
            return Optional.of(targetId);
        }
    }

    record Reaction(ReactionIcon icon, ActionId targetId) implements Action {
        public Reaction {
            Objects.requireNonNull(icon, "icon");
            Objects.requireNonNull(targetId, "target");
        }

        @Override
        public String type() {
            return "reaction";
        }

        @Override
        public Optional<ActionId> target() {
            return Optional.of(targetId);
        }
    }

    record MessageRead(ActionId targetId) implements Action {
        public MessageRead {
            Objects.requireNonNull(targetId, "target");
        }

        @Override
        public String type() {
            return "message_read";
        }

        @Override
        public Optional<ActionId> target() {
            return Optional.of(targetId);
        }
    }

    /**
     * System or therapist text; {@code sender} is {@code system} or the therapist's id. A presence
     * notice ("Ana has joined the session") also says whose attendance changed, for the researchers.
     */
    record Notice(String body, String sender, Optional<Attendance> attendance) implements Action {
        public Notice {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(attendance, "attendance");
        }

        public Notice(String body, String sender) {
            this(body, sender, Optional.empty());
        }

        @Override
        public String type() {
            return "notice";
        }
    }

    /** Who joined or left the chat: what a presence notice says, as data. */
    record Attendance(UserId user, boolean joined) {
        public Attendance {
            Objects.requireNonNull(user, "user");
        }

        public String wireName() {
            return joined ? "joined" : "left";
        }
    }

    /** A participant's assessment changed: clients refetch them. */
    record UpdateAssessments(UserId participant) implements Action {
        public UpdateAssessments {
            Objects.requireNonNull(participant, "participant");
        }

        @Override
        public String type() {
            return "update_assessments";
        }
    }

    /** Session metadata or membership changed: clients refetch the detail. */
    record UpdateChatDetails() implements Action {
        @Override
        public String type() {
            return "update_chat_details";
        }
    }
}
