package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ActionOutcome;
import org.therapychat.core.chat.ChatRead;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.SyncResult;
import org.therapychat.core.common.DomainException.ValidationFailed;
import spark.Service;

/** SPEC §3 over HTTP: handleActions (sync), getActions, saveActions. */
public final class ChatRoutes implements Routes {
    private static final String BASE = "/api/therapy-sessions/:tsId/actions";
    private final ChatService chat;

    public ChatRoutes(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public void register(Service http, Web web) {
        http.post(BASE + "/sync", (req, res) -> {
            Caller caller = web.callerIn(req);
            JsonBody body = web.body(req, "maxID", "actionQueue");
            long maxId = body.nonNegativeLong("maxID", 0);
            List<QueuedAction> queue = ActionJson.queue(body.array("actionQueue", false));
            SyncResult result = chat.sync(caller, Web.sessionId(req), maxId, queue);
            return web.send(res, 200, syncAnswer(web, result, caller, Web.serverMicros(req)));
        });
        http.get(BASE, (req, res) -> {
            Caller caller = web.callerIn(req);
            ChatRead read = chat.read(caller, Web.sessionId(req), since(req.queryParams("since")));
            ObjectNode out = web.object();
            out.put("result", "ok");
            out.put("max_id", read.maxId());
            out.set("actions", actions(web, read, caller));
            out.put("server_time", Web.serverMicros(req));
            return web.send(res, 200, out);
        });
        http.post(BASE, (req, res) -> {
            Caller caller = web.callerIn(req);
            List<QueuedAction> queue = ActionJson.queue(web.body(req, "actions").array("actions", true));
            List<ActionOutcome> outcomes = chat.save(caller, Web.sessionId(req), queue);
            ObjectNode out = web.object();
            out.put("result", "ok");
            outcomes(out, outcomes.stream().filter(ActionOutcome.Accepted.class::isInstance)
                            .map(ActionOutcome.Accepted.class::cast).toList(),
                    outcomes.stream().filter(ActionOutcome.Rejected.class::isInstance)
                            .map(ActionOutcome.Rejected.class::cast).toList());
            return web.send(res, 200, out);
        });
    }

    /** The answer to a poll (SPEC §3 handleActions): what is new for this caller and the fate of its queue. */
    static ObjectNode syncAnswer(Web web, SyncResult result, Caller caller, double serverMicros) {
        ObjectNode out = web.object();
        out.set("data", actions(web, result.read(), caller));
        out.put("maxID", result.read().maxId());
        outcomes(out, result.accepted(), result.rejected());
        out.put("serverTime", serverMicros);
        return out;
    }

    private static long since(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        if (!raw.matches("[0-9]{1,18}")) {
            throw new ValidationFailed("since", "since must be a non-negative integer");
        }
        return Long.parseLong(raw);
    }

    private static ArrayNode actions(Web web, ChatRead read, Caller caller) {
        ArrayNode data = web.mapper().createArrayNode();
        read.actions().forEach(a -> data.add(ActionJson.forChat(web, a, caller.id())));
        return data;
    }

    private static void outcomes(ObjectNode out, List<ActionOutcome.Accepted> accepted,
                                 List<ActionOutcome.Rejected> rejected) {
        ArrayNode a = out.putArray("accepted");
        accepted.forEach(x -> a.addObject().put("index", x.index()).put("clientId", x.clientId()).put("id", x.id().value()));
        ArrayNode r = out.putArray("rejected");
        rejected.forEach(x -> {
            ObjectNode node = r.addObject();
            node.put("index", x.index());
            node.put("clientId", x.clientId());
            node.put("error", x.error());
            node.put("field", x.field());
            node.put("message", x.message());
        });
    }
}
