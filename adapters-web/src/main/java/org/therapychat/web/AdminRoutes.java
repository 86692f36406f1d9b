package org.therapychat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.AssessmentSpec;
import org.therapychat.core.admin.RosterImport;
import org.therapychat.core.admin.TherapySessionSpec;
import org.therapychat.core.admin.UserSpec;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.User;
import spark.Request;
import spark.Service;

/**
 * SPEC §4: the admin API's writes and the export, for the bearer token and logged-in staff
 * ({@link AdminAuthorization} decides who the actor is; every call here is audited in the core).
 */
public final class AdminRoutes implements Routes {
    private static final String BASE = "/admin/therapy-sessions/:tsId";
    private final AdminService admin;
    private final RosterImport roster;
    private final AdminAuthorization authorization;

    public AdminRoutes(AdminService admin, RosterImport roster, AdminAuthorization authorization) {
        this.admin = admin;
        this.roster = roster;
        this.authorization = authorization;
    }

    @Override
    public void register(Service http, Web web) {
        authorization.install(http, web);
        http.post("/admin/users/import", (req, res) -> {
            RosterImport.Result result = roster.importCsv(actor(req), CsvBody.read(req));
            ObjectNode out = web.object();
            out.put("created", result.created()).put("updated", result.updated()).put("unchanged", result.unchanged());
            return web.send(res, 200, out);
        });
        http.put("/admin/users/:userId", (req, res) -> {
            JsonBody body = web.body(req, "role", "displayName", "phone", "identifier", "disabled");
            User user = admin.putUser(actor(req), Web.userId(req.params(":userId"), "userId"), new UserSpec(
                    body.optionalText("role"), body.optionalText("displayName"), body.optionalText("phone"),
                    body.optionalText("identifier"), body.optionalBoolean("disabled")));
            return web.send(res, 200, ConsoleRoutes.user(web, user));
        });
        http.put(BASE, (req, res) -> {
            JsonBody body = web.body(req, "name", "topic", "date", "members", "admission");
            var session = admin.putTherapySession(actor(req), Web.sessionId(req), new TherapySessionSpec(
                    body.optionalText("name"), body.optionalText("topic"), body.optionalText("date"),
                    body.optionalTextList("members"), body.optionalText("admission")));
            ObjectNode out = TherapyRoutes.session(web, session.session());
            ArrayNode members = out.putArray("members");
            session.session().members().forEach(m -> members.addObject().put("id", m.user().value())
                    .put("role", session.roles().get(m.user()).wireName()));
            return web.send(res, 200, out);
        });
        http.put(BASE + "/assessments/:userId", (req, res) -> {
            List<AssessmentSpec> specs = new ArrayList<>();
            for (JsonNode item : web.body(req, "assessments").array("assessments", true)) {
                JsonBody a = JsonBody.of(item, "assessments", Set.of("name", "due", "status", "url", "label", "labels"));
                specs.add(new AssessmentSpec(a.optionalText("name"), a.optionalText("due"), a.optionalText("status"),
                        a.optionalText("url"), a.optionalText("label"), a.optionalTextMap("labels")));
            }
            var saved = admin.putAssessments(actor(req), Web.sessionId(req), Web.userId(req.params(":userId"), "userId"),
                    specs);
            ObjectNode out = web.object();
            out.set("assessments", TherapyRoutes.assessments(web, saved));
            return web.send(res, 200, out);
        });
        http.post(BASE + "/notices", (req, res) -> {
            admin.postNotice(actor(req), Web.sessionId(req), web.body(req, "body").text("body"));
            ObjectNode out = web.object();
            out.put("status", "posted");
            return web.send(res, 201, out);
        });
        http.post(BASE + "/end", (req, res) -> {
            admin.endTherapySession(actor(req), Web.sessionId(req));
            ObjectNode out = web.object();
            out.put("status", "ended");
            return web.send(res, 200, out);
        });
        http.get(BASE + "/export", (req, res) -> {
            String format = Optional.ofNullable(req.queryParams("format")).orElse("json");
            if (!format.equals("json") && !format.equals("csv")) {
                throw new ValidationFailed("format", "format must be json or csv");
            }
            List<StoredAction> actions = admin.export(actor(req), Web.sessionId(req), format);
            if (format.equals("csv")) {
                res.type("text/csv;charset=utf-8");
                res.header("Content-Disposition", "attachment; filename=\"" + req.params(":tsId") + ".csv\"");
                return CsvExport.render(web, actions);
            }
            ObjectNode out = web.object();
            out.put("therapySession", req.params(":tsId"));
            ArrayNode list = out.putArray("actions");
            actions.forEach(a -> list.add(ActionJson.forExport(web, a)));
            return web.send(res, 200, out);
        });
    }

    static Actor actor(Request req) {
        return AdminAuthorization.actor(req);
    }
}
