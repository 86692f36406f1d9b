package org.therapychat.core.chat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.PlainText;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.TherapyAccess.Membership;

/** Per-type rules for what a client may append (SPEC §3), turning a request into a {@link NewAction}. */
final class ActionValidator {
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Set<String> SERVER_TYPES = Set.of("notice", "update_assessments", "update_chat_details");
    private static final int MAX_RECIPIENTS = 100;
    static final int MAX_HISTORY = 20_000;
    /**
     * All entries of a character history together. With JSON's worst escape (six characters for one)
     * this keeps a stored history under 1,000,000 characters, what every log stores.
     */
    static final int MAX_HISTORY_CODE_POINTS = 100_000;
    private static final int MAX_SHORT_TEXT = 64;

    private final ActionLog log;
    private final UserDirectory users;
    private final Settings settings;

    ActionValidator(ActionLog log, UserDirectory users, Settings settings) {
        this.log = log;
        this.users = users;
        this.settings = settings;
    }

    static String requireClientId(String clientId) {
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new ValidationFailed("clientId", "clientId must be 1-100 letters, digits or _.:-");
        }
        return clientId;
    }

    static boolean isServerType(String type) {
        return type != null && SERVER_TYPES.contains(type);
    }

    NewAction validate(QueuedAction.Request r, Caller caller, Membership where, Instant now) {
        String type = r.type();
        if (type == null) {
            throw new ValidationFailed("type", "type is required");
        }
        if (isServerType(type)) {
            throw new ValidationFailed("type", type + " actions come from the server only");
        }
        Optional<String> clientTs = Optional.ofNullable(shortText(r.clientTs(), "client_ts"));
        return switch (type) {
            case "message" -> message(r, caller, where, now, clientTs);
            case "delete" -> {
                StoredAction target = deletable(r, caller, where);
                yield targeted(r, caller, now, clientTs, target, Optional.empty(), new Action.Delete(target.id()));
            }
            case "reaction" -> reaction(r, caller, where, now, clientTs);
            case "message_read" -> {
                StoredAction target = visibleMessage(r.target(), caller, where);
                yield targeted(r, caller, now, clientTs, target, Optional.of("read:" + target.id()),
                        new Action.MessageRead(target.id()));
            }
            default -> throw new ValidationFailed("type", "type must be message, delete, reaction or message_read");
        };
    }

    private NewAction message(QueuedAction.Request r, Caller caller, Membership where, Instant now,
                              Optional<String> clientTs) {
        String body = requireText(r.body(), "body", settings.maxBodyLength());
        if (body.isBlank()) {
            throw new ValidationFailed("body", "body must not be blank");
        }
        Optional<StoredAction> replyTo = r.target() == null ? Optional.empty()
                : Optional.of(visibleMessage(r.target(), caller, where));
        List<UserId> recipients = replyTo.filter(t -> !t.audience().isEmpty())
                .map(t -> privateReplyRecipients(t, r.recipients(), caller))
                .orElseGet(() -> recipients(r.recipients(), caller, where));
        Optional<ActionId> target = replyTo.map(StoredAction::id);
        List<String> history = history(r.characterHistory());
        Optional<String> timeToComplete = Optional.ofNullable(shortText(r.timeToComplete(), "time_to_complete"));
        Set<UserId> audience = new HashSet<>(recipients);
        if (!recipients.isEmpty()) {
            audience.add(caller.id());
        }
        return new NewAction(Optional.of(caller.id()), Optional.ofNullable(r.clientId()), clientTs, audience, Optional.empty(),
                now, new Action.Message(recipients, body, target, history, timeToComplete, mentions(body, audience, where)));
    }

    /** Only members who can see the message are recorded: nobody learns of a private message by being named. */
    private List<UserId> mentions(String body, Set<UserId> audience, Membership where) {
        if (body.indexOf('@') < 0) {
            return List.of();
        }
        Map<UserId, String> names = new HashMap<>();
        for (Member m : where.session().members()) {
            if (!m.revoked()) {
                users.findById(m.user())
                        .filter(u -> audience.isEmpty() || audience.contains(u.id()) || u.isTherapist())
                        .ifPresent(u -> names.put(u.id(), u.displayName()));
            }
        }
        return Mentions.in(body, names);
    }

    private StoredAction deletable(QueuedAction.Request r, Caller caller, Membership where) {
        StoredAction target = visibleMessage(r.target(), caller, where);
        if (!where.isTherapist() && !target.author().filter(caller.id()::equals).isPresent()) {
            throw new ValidationFailed("target", "you may delete only your own messages");
        }
        return target;
    }

    private NewAction reaction(QueuedAction.Request r, Caller caller, Membership where, Instant now,
                               Optional<String> clientTs) {
        ReactionIcon icon;
        try {
            icon = ReactionIcon.fromWire(r.icon());
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("icon", e.getMessage());
        }
        StoredAction target = visibleMessage(r.target(), caller, where);
        return targeted(r, caller, now, clientTs, target, Optional.of("reaction:" + target.id() + ":" + icon.wireName()),
                new Action.Reaction(icon, target.id()));
    }

    /** An action about a message is seen by exactly those who see the message. */
    private static NewAction targeted(QueuedAction.Request r, Caller caller, Instant now, Optional<String> clientTs,
                                      StoredAction target, Optional<String> dedupeKey, Action action) {
        return new NewAction(Optional.of(caller.id()), Optional.ofNullable(r.clientId()), clientTs, target.audience(),
                dedupeKey, now, action);
    }

    private StoredAction visibleMessage(String rawTarget, Caller caller, Membership where) {
        if (rawTarget == null) {
            throw new ValidationFailed("target", "target is required");
        }
        ActionId id;
        try {
            id = ActionId.of(Long.parseLong(rawTarget.strip()));
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("target", "target must be the id of a message");
        }
        StoredAction target = log.find(where.session().id(), id)
                .filter(a -> a.action() instanceof Action.Message)
                .filter(a -> a.isVisibleTo(caller.id(), where.isTherapist()))
                .orElseThrow(() -> new ValidationFailed("target", "target must be a message of this chat you can see"));
        if (target.deleted()) {
            throw new ValidationFailed("target", "that message was deleted");
        }
        return target;
    }

    /**
     * A reply to a private message goes to that message's audience (SPEC §3.1): taken from the
     * target when the reply names nobody, refused when it names anyone else.
     */
    private static List<UserId> privateReplyRecipients(StoredAction target, List<String> raw, Caller caller) {
        Set<UserId> audience = new java.util.TreeSet<>(target.audience());
        audience.remove(caller.id());
        if (raw != null && !raw.isEmpty()) {
            Set<UserId> named = new HashSet<>();
            for (String id : raw) {
                try {
                    named.add(UserId.of(id));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ValidationFailed("recipients", "recipients must be user ids");
                }
            }
            named.remove(caller.id());
            if (!named.equals(audience)) {
                throw new ValidationFailed("recipients",
                        "a reply to a private message goes to that message's audience; leave recipients empty");
            }
        }
        return List.copyOf(audience);
    }

    private static List<UserId> recipients(List<String> raw, Caller caller, Membership where) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.size() > MAX_RECIPIENTS) {
            throw new ValidationFailed("recipients", "at most " + MAX_RECIPIENTS + " recipients");
        }
        Set<UserId> out = new LinkedHashSet<>();
        for (String id : raw) {
            UserId user;
            try {
                user = UserId.of(id);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ValidationFailed("recipients", "recipients must be user ids");
            }
            Optional<Member> member = where.session().member(user).filter(m -> !m.revoked());
            if (member.isEmpty()) {
                throw new ValidationFailed("recipients", user + " is not a member of this session");
            }
            if (!user.equals(caller.id())) {
                out.add(user);
            }
        }
        if (out.isEmpty()) {
            throw new ValidationFailed("recipients", "a private message needs someone other than yourself");
        }
        return List.copyOf(out);
    }

    private static List<String> history(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_HISTORY) {
            throw new ValidationFailed("character_history", "at most " + MAX_HISTORY + " entries");
        }
        long total = 0;
        for (String s : raw) {
            total += requireText(s, "character_history", MAX_SHORT_TEXT).codePointCount(0, s.length());
        }
        if (total > MAX_HISTORY_CODE_POINTS) {
            throw new ValidationFailed("character_history",
                    "at most " + MAX_HISTORY_CODE_POINTS + " characters in all entries together");
        }
        return raw;
    }

    private static String shortText(String raw, String field) {
        return raw == null ? null : requireText(raw, field, MAX_SHORT_TEXT);
    }

    /** Text a database can keep as typed: no NUL, no lone surrogate, bounded in characters. */
    static String requireText(String raw, String field, int maxCodePoints) {
        if (raw == null) {
            throw new ValidationFailed(field, field + " is required");
        }
        PlainText.unstorable(raw).ifPresent(problem -> {
            throw new ValidationFailed(field, field + " " + problem);
        });
        if (raw.codePointCount(0, raw.length()) > maxCodePoints) {
            throw new ValidationFailed(field, field + " must be at most " + maxCodePoints + " characters");
        }
        return raw;
    }
}
