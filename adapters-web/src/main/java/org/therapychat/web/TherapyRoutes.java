package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.EnterResult;
import org.therapychat.core.therapy.SessionDetail;
import org.therapychat.core.therapy.SessionOverview;
import org.therapychat.core.therapy.TherapistService;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.core.therapy.TherapySession;
import spark.Response;
import spark.Service;

/** SPEC §2 over HTTP: the user's sessions, detail, assessments, enter/leave and therapist controls. */
public final class TherapyRoutes implements Routes {
    private static final String BASE = "/api/therapy-sessions";
    private final TherapyService therapy;
    private final TherapistService therapist;

    public TherapyRoutes(TherapyService therapy, TherapistService therapist) {
        this.therapy = therapy;
        this.therapist = therapist;
    }

    @Override
    public void register(Service http, Web web) {
        http.get(BASE, (req, res) -> {
            SessionOverview overview = therapy.list(web.caller(req));
            ObjectNode body = web.object();
            ArrayNode list = body.putArray("therapy_sessions");
            for (SessionOverview.Entry e : overview.sessions()) {
                ObjectNode s = list.addObject();
                s.put("id", e.session().id().value());
                s.put("name", e.session().name());
                s.put("date", e.session().date().toString());
                s.put("status", e.session().status().wireName());
                ArrayNode surveys = assessments(web, e.assessments());
                for (int i = 0; i < e.assessments().size(); i++) {
                    ((ObjectNode) surveys.get(i)).put("dueNow", e.dueNow().contains(e.assessments().get(i)));
                }
                s.set("assessments", surveys);
            }
            body.put("todo", overview.todo());
            return web.send(res, 200, body);
        });
        http.get(BASE + "/:tsId", (req, res) -> {
            SessionDetail detail = therapy.detail(web.caller(req), Web.sessionId(req));
            return web.send(res, 200, detail(web, detail));
        });
        http.get(BASE + "/:tsId/assessments", (req, res) -> {
            Caller caller = web.caller(req);
            Optional<org.therapychat.core.common.UserId> whose = Optional.ofNullable(req.queryParams("participant"))
                    .map(p -> Web.userId(p, "participant"));
            List<Assessment> list = therapy.assessments(caller, Web.sessionId(req), whose);
            ObjectNode body = web.object();
            body.put("participant", whose.orElse(caller.id()).value());
            body.set("assessments", assessments(web, list));
            return web.send(res, 200, body);
        });
        http.post(BASE + "/:tsId/enter", (req, res) -> {
            TherapySessionId id = Web.sessionId(req);
            EnterResult result = therapy.enter(web.caller(req), id);
            ObjectNode body = web.object();
            body.put("status", result == EnterResult.ENTERED ? "entered" : "waiting_for_admission");
            body.put("therapySession", id.value());
            body.put("pollIntervalMs", web.settings().pollInterval().toMillis());
            body.put("livePollIntervalMs", web.settings().livePollInterval().toMillis());
            return web.send(res, result == EnterResult.ENTERED ? 200 : 202, body);
        });
        http.post(BASE + "/:tsId/leave", (req, res) -> {
            therapy.leave(web.caller(req), Web.sessionId(req));
            return ok(web, res, "left");
        });
        http.post(BASE + "/:tsId/admit/:userId", (req, res) -> {
            therapist.admit(web.caller(req), Web.sessionId(req), Web.userId(req.params(":userId"), "userId"));
            return ok(web, res, "admitted");
        });
        http.post(BASE + "/:tsId/revoke/:userId", (req, res) -> {
            therapist.revoke(web.caller(req), Web.sessionId(req), Web.userId(req.params(":userId"), "userId"));
            return ok(web, res, "revoked");
        });
        http.put(BASE + "/:tsId/whiteboard", (req, res) -> {
            String text = web.body(req, "text").text("text");
            therapist.setWhiteboard(web.caller(req), Web.sessionId(req), text);
            return ok(web, res, "saved");
        });
        http.post(BASE + "/:tsId/end", (req, res) -> {
            therapist.end(web.caller(req), Web.sessionId(req));
            return ok(web, res, "ended");
        });
    }

    private static byte[] ok(Web web, Response res, String status) {
        ObjectNode body = web.object();
        body.put("status", status);
        return web.send(res, 200, body);
    }

    static ArrayNode assessments(Web web, List<Assessment> list) {
        ArrayNode out = web.mapper().createArrayNode();
        for (Assessment a : list) {
            ObjectNode node = out.addObject();
            node.put("name", a.name());
            node.put("due", a.due().wireName());
            node.put("status", a.statusName());
            if (!a.complete()) {
                a.url().ifPresent(url -> node.put("url", url));
            }
            labels(node, a);
        }
        return out;
    }

    /** What to show instead of the name: {@code label} in any language, {@code labels} per language. */
    static void labels(ObjectNode node, Assessment a) {
        a.label().ifPresent(label -> node.put("label", label));
        ObjectNode labels = node.putObject("labels");
        new java.util.TreeMap<>(a.labels()).forEach(labels::put);
    }

    static ObjectNode session(Web web, TherapySession s) {
        ObjectNode node = web.object();
        node.put("id", s.id().value());
        node.put("name", s.name());
        node.put("topic", s.topic());
        node.put("date", s.date().toString());
        node.put("status", s.status().wireName());
        node.put("admission", s.admission().wireName());
        node.put("whiteboard", s.whiteboard());
        return node;
    }

    private static ObjectNode detail(Web web, SessionDetail detail) {
        ObjectNode node = session(web, detail.session());
        ArrayNode members = node.putArray("members");
        for (SessionDetail.MemberView m : detail.members()) {
            ObjectNode member = members.addObject();
            member.put("id", m.id().value());
            member.put("displayName", m.displayName());
            member.put("role", m.role().wireName());
            member.put("present", m.present());
            member.put("admitted", m.admitted());
            member.put("waiting", m.waiting());
        }
        return node;
    }
}
