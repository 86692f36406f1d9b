package org.therapychat.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.UserId;

/**
 * What happened in a chat (SPEC §3). The first four ({@link Message}, {@link Delete},
 * {@link Reaction}, {@link MessageRead}) come from clients; the rest only from the server.
 */
public sealed interface Action {
    /**
     * The wire name, e.g. {@code message_read}.
     *
     * @return the {@code type} a client sends and reads
     */
    String type();

    /**
     * The action this one refers to: the message answered, deleted, reacted to or read.
     *
     * @return the target's id, or empty for a new public message, a notice or a refetch signal
     */
    default Optional<ActionId> target() {
        return Optional.empty();
    }

    /**
     * A public message (no recipients) or a private one; a reply when it has a target.
     * {@code characterHistory} and {@code timeToComplete} are research data, never shown to others.
     * {@code mentions} are worked out by the server ({@link Mentions}): members named who can see it.
     *
     * @param recipients the private audience besides the sender and the therapists; empty for public
     * @param body the text as typed, at most {@link org.therapychat.core.common.Settings#maxBodyLength()}
     *     characters; "" in chat reads once deleted
     * @param target the message answered, for a reply
     * @param characterHistory research data: the text as it grew, keystroke by keystroke
     * @param timeToComplete research data: how long typing took, as the client wrote it (e.g. {@code 671ms})
     * @param mentions the members named in the body who can see it, in order of first mention
     */
    record Message(List<UserId> recipients, String body, Optional<ActionId> target,
                   List<String> characterHistory, Optional<String> timeToComplete, List<UserId> mentions)
            implements Action {
        /**
         * Copies the lists.
         *
         * @param recipients the private audience; empty for public
         * @param body the text
         * @param target the message answered, or empty
         * @param characterHistory research data
         * @param timeToComplete research data, or empty
         * @param mentions the members named
         */
        public Message {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(target, "target");
            characterHistory = List.copyOf(characterHistory);
            Objects.requireNonNull(timeToComplete, "timeToComplete");
            mentions = List.copyOf(mentions);
        }

        /**
         * A message that mentions nobody.
         *
         * @param recipients the private audience; empty for public
         * @param body the text
         * @param target the message answered, or empty
         * @param characterHistory research data
         * @param timeToComplete research data, or empty
         */
        public Message(List<UserId> recipients, String body, Optional<ActionId> target,
                       List<String> characterHistory, Optional<String> timeToComplete) {
            this(recipients, body, target, characterHistory, timeToComplete, List.of());
        }

        /**
         * Whether only the sender, the recipients and the therapists see it.
         *
         * @return {@code true} if it has recipients
         */
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

    /**
     * Deletes a message: later reads show it without its body.
     *
     * @param targetId the message deleted: the sender's own, or any for a therapist
     */
    record Delete(ActionId targetId) implements Action {
        /**
         * Checks the target.
         *
         * @param targetId the message deleted
         */
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

    /**
     * A reaction to a visible message; the same user, icon and target twice is one reaction.
     *
     * @param icon the reaction
     * @param targetId the message reacted to
     */
    record Reaction(ReactionIcon icon, ActionId targetId) implements Action {
        /**
         * Checks that nothing is null.
         *
         * @param icon the reaction
         * @param targetId the message reacted to
         */
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

    /**
     * The user has read a visible message.
     *
     * @param targetId the message read
     */
    record MessageRead(ActionId targetId) implements Action {
        /**
         * Checks the target.
         *
         * @param targetId the message read
         */
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
     * System or therapist text; {@code sender} is {@code system} or the therapist's id. What the
     * system says is also kept as data ({@link #kind()}, and who joined or left), so each client can
     * word it in its viewer's language; {@code body} keeps the English text for older clients and the
     * researchers. A free-text notice (staff, therapist) is {@link Kind#TEXT} and shown as typed.
     *
     * @param body the text
     * @param sender {@link ServerActions#SYSTEM} or the therapist's id
     * @param attendance who joined or left, for a presence notice; else empty
     * @param closesSession whether this is the notice that closed the ended session's chat
     */
    record Notice(String body, String sender, Optional<Attendance> attendance, boolean closesSession) implements Action {
        /** What a notice says, for a client to put in words. */
        public enum Kind {
            /** Free text, shown as typed. */
            TEXT,
            /** A member joined the chat ({@link Notice#attendance()} says who). */
            JOINED,
            /** A member left the chat, or their presence lapsed. */
            LEFT,
            /** The session ended: the closing notice. */
            SESSION_ENDED;

            /**
             * The API's and the database's name.
             *
             * @return {@code text}, {@code joined}, {@code left} or {@code session_ended}
             */
            public String wireName() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        /**
         * Checks that nothing is null and that a notice is not both about presence and the end.
         *
         * @param body the text
         * @param sender who sends it
         * @param attendance who joined or left, or empty
         * @param closesSession whether it closed the session's chat
         */
        public Notice {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(attendance, "attendance");
            if (closesSession && attendance.isPresent()) {
                throw new IllegalArgumentException("a closing notice is not a presence notice");
            }
        }

        /**
         * A notice that is not about presence nor the end.
         *
         * @param body the text
         * @param sender {@link ServerActions#SYSTEM} or the therapist's id
         */
        public Notice(String body, String sender) {
            this(body, sender, Optional.empty(), false);
        }

        /**
         * A presence notice (or, with an empty attendance, a free-text one).
         *
         * @param body the text
         * @param sender {@link ServerActions#SYSTEM}
         * @param attendance who joined or left
         */
        public Notice(String body, String sender, Optional<Attendance> attendance) {
            this(body, sender, attendance, false);
        }

        /**
         * The system's notice that closes an ended session's chat.
         *
         * @param body the English text
         * @return the notice
         */
        public static Notice closing(String body) {
            return new Notice(body, ServerActions.SYSTEM, Optional.empty(), true);
        }

        /**
         * What the notice says.
         *
         * @return joined or left for a presence notice, session_ended for the closing one, else text
         */
        public Kind kind() {
            if (closesSession) {
                return Kind.SESSION_ENDED;
            }
            return attendance.map(a -> a.joined() ? Kind.JOINED : Kind.LEFT).orElse(Kind.TEXT);
        }

        @Override
        public String type() {
            return "notice";
        }
    }

    /**
     * Who joined or left the chat: what a presence notice says, as data.
     *
     * @param user who joined or left
     * @param joined {@code true} for joined, {@code false} for left (or lapsed)
     */
    record Attendance(UserId user, boolean joined) {
        /**
         * Checks the user.
         *
         * @param user who joined or left
         * @param joined whether they joined
         */
        public Attendance {
            Objects.requireNonNull(user, "user");
        }

        /**
         * The export's name for the change.
         *
         * @return {@code joined} or {@code left}
         */
        public String wireName() {
            return joined ? "joined" : "left";
        }
    }

    /**
     * A participant's assessment changed: clients refetch them. Only that participant and the
     * therapists see it.
     *
     * @param participant whose assessments changed
     */
    record UpdateAssessments(UserId participant) implements Action {
        /**
         * Checks the participant.
         *
         * @param participant whose assessments changed
         */
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
