package org.therapychat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.UserId;

/** Actions to and from the wire names of the original note ({@code client_ts}, {@code character_history} …). */
final class ActionJson {
    private static final Set<String> ITEM_FIELDS = Set.of("clientId", "client_ts", "type", "recipients", "body",
            "target", "icon", "character_history", "time_to_complete", "user", "mentions");

    private ActionJson() {
    }

    /**
     * Each queue entry becomes a request, or an unreadable entry naming its bad field; never a
     * whole-request 400. A client's {@code user} and {@code mentions} are ignored: the server sets them.
     */
    static List<QueuedAction> queue(List<JsonNode> items) {
        List<QueuedAction> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            out.add(item(item));
        }
        return out;
    }

    private static QueuedAction item(JsonNode item) {
        String clientId = item != null && item.isObject() && item.path("clientId").isTextual()
                ? item.get("clientId").textValue() : null;
        try {
            JsonBody body = JsonBody.of(item, "action", ITEM_FIELDS);
            return new QueuedAction.Request(body.optionalText("clientId"), body.optionalText("client_ts"),
                    body.optionalText("type"), body.optionalTextList("recipients"), body.optionalText("body"),
                    target(item.get("target")), body.optionalText("icon"), body.optionalTextList("character_history"),
                    body.optionalText("time_to_complete"));
        } catch (ValidationFailed e) {
            return new QueuedAction.Unreadable(clientId, e.field(), e.getMessage());
        }
    }

    private static String target(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Long.toString(v.longValue());
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new ValidationFailed("target", "target must be a message id");
    }

    /** The chat form: what members see. {@code clientId} only to its author. */
    static ObjectNode forChat(Web web, StoredAction a, UserId viewer) {
        ObjectNode node = common(web, a);
        if (a.author().filter(viewer::equals).isPresent()) {
            a.clientId().ifPresent(c -> node.put("clientId", c));
        }
        return node;
    }

    /** The chat form of an action core already prepared for its viewer: a {@code clientId} left on it is theirs. */
    static ObjectNode asHanded(Web web, StoredAction a) {
        ObjectNode node = common(web, a);
        a.clientId().ifPresent(c -> node.put("clientId", c));
        return node;
    }

    /** The researchers' form: everything as stored. */
    static ObjectNode forExport(Web web, StoredAction a) {
        ObjectNode node = common(web, a);
        a.clientId().ifPresent(c -> node.put("clientId", c));
        ArrayNode audience = node.putArray("audience");
        a.audience().stream().sorted().forEach(u -> audience.add(u.value()));
        if (a.action() instanceof Action.Notice n) {
            n.attendance().ifPresent(at -> node.put("participant", at.user().value()).put("attendance", at.wireName()));
        }
        if (a.action() instanceof Action.Message m) {
            node.put("body", m.body());
            ArrayNode history = node.putArray("character_history");
            m.characterHistory().forEach(history::add);
            node.put("time_to_complete", m.timeToComplete().orElse(null));
        }
        return node;
    }

    private static ObjectNode common(Web web, StoredAction a) {
        ObjectNode node = web.object();
        node.put("id", a.id().value());
        node.put("type", a.action().type());
        node.put("user", a.author().map(UserId::value).orElse(null));
        node.put("timestamp", a.timestamp().toString());
        a.clientTs().ifPresent(ts -> node.put("client_ts", ts));
        Action action = a.action();
        if (action instanceof Action.Message m) {
            node.put("body", a.deleted() ? null : m.body());
            node.put("deleted", a.deleted());
            ArrayNode recipients = node.putArray("recipients");
            m.recipients().forEach(r -> recipients.add(r.value()));
            node.put("target", m.target().map(t -> t.value()).orElse(null));
            ArrayNode mentions = node.putArray("mentions");
            m.mentions().forEach(u -> mentions.add(u.value()));
        } else if (action instanceof Action.Reaction r) {
            node.put("target", r.targetId().value());
            node.put("icon", r.icon().wireName());
        } else if (action instanceof Action.Notice n) {
            node.put("body", n.body());
            node.put("sender", n.sender());
            node.putArray("recipients");
            // the body stays English for older clients; these let a client word it in its viewer's language
            node.put("notice_kind", n.kind().wireName());
            ObjectNode names = node.putObject("names");
            n.attendance().ifPresent(at -> names.put("user", at.user().value()));
        } else if (action instanceof Action.UpdateAssessments u) {
            node.put("participant", u.participant().value());
        } else {
            action.target().ifPresent(t -> node.put("target", t.value()));
        }
        return node;
    }

    static final List<String> EXPORT_COLUMNS = List.of("id", "timestamp", "type", "user", "clientId", "client_ts", "recipients", "audience", "target",
                "icon", "sender", "participant", "deleted", "body", "mentions", "character_history", "time_to_complete", "attendance");
}
