package org.therapychat.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.AssessmentSpec;
import org.therapychat.core.admin.TherapySessionSpec;
import org.therapychat.core.admin.UserSpec;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.User;
import spark.Request;
import spark.Service;

/** SPEC §4: the admin API behind {@code Authorization: Bearer $ADMIN_TOKEN}; without a token it does not exist. */
public final class AdminRoutes implements Routes {
    private static final String BASE = "/admin/therapy-sessions/:tsId";
    private final AdminService admin;

    public AdminRoutes(AdminService admin) {
        this.admin = admin;
    }

    @Override
    public void register(Service http, Web web) {
        Optional<byte[]> expected = web.settings().adminToken().map(AdminRoutes::digest);
        http.before("/admin/*", (req, res) -> authorize(req, expected, res));
        http.put("/admin/users/:userId", (req, res) -> {
            JsonBody body = web.body(req, "role", "displayName", "phone", "identifier");
            User user = admin.putUser(Web.userId(req.params(":userId"), "userId"), new UserSpec(body.optionalText("role"),
                    body.optionalText("displayName"), body.optionalText("phone"), body.optionalText("identifier")));
            ObjectNode out = MeRoutes.user(web, user);
            out.put("phone", user.phone().e164());
            return web.send(res, 200, out);
        });
        http.put(BASE, (req, res) -> {
            JsonBody body = web.body(req, "name", "topic", "date", "members", "admission");
            var session = admin.putTherapySession(Web.sessionId(req), new TherapySessionSpec(body.optionalText("name"),
                    body.optionalText("topic"), body.optionalText("date"), body.optionalTextList("members"),
                    body.optionalText("admission")));
            ObjectNode out = TherapyRoutes.session(web, session.session());
            ArrayNode members = out.putArray("members");
            session.session().members().forEach(m -> members.addObject().put("id", m.user().value())
                    .put("role", session.roles().get(m.user()).wireName()));
            return web.send(res, 200, out);
        });
        http.put(BASE + "/assessments/:userId", (req, res) -> {
            List<AssessmentSpec> specs = new ArrayList<>();
            for (JsonNode item : web.body(req, "assessments").array("assessments", true)) {
                JsonBody a = JsonBody.of(item, "assessments", Set.of("name", "due", "status", "url"));
                specs.add(new AssessmentSpec(a.optionalText("name"), a.optionalText("due"), a.optionalText("status"),
                        a.optionalText("url")));
            }
            var saved = admin.putAssessments(Web.sessionId(req), Web.userId(req.params(":userId"), "userId"), specs);
            ObjectNode out = web.object();
            out.set("assessments", TherapyRoutes.assessments(web, saved));
            return web.send(res, 200, out);
        });
        http.post(BASE + "/notices", (req, res) -> {
            admin.postNotice(Web.sessionId(req), web.body(req, "body").text("body"));
            ObjectNode out = web.object();
            out.put("status", "posted");
            return web.send(res, 201, out);
        });
        http.get(BASE + "/export", (req, res) -> {
            String format = Optional.ofNullable(req.queryParams("format")).orElse("json");
            List<StoredAction> actions = admin.export(Web.sessionId(req));
            if (format.equals("csv")) {
                res.type("text/csv;charset=utf-8");
                res.header("Content-Disposition", "attachment; filename=\"" + req.params(":tsId") + ".csv\"");
                return CsvExport.render(web, actions);
            }
            if (!format.equals("json")) {
                throw new ValidationFailed("format", "format must be json or csv");
            }
            ObjectNode out = web.object();
            out.put("therapySession", req.params(":tsId"));
            ArrayNode list = out.putArray("actions");
            actions.forEach(a -> list.add(ActionJson.forExport(web, a)));
            return web.send(res, 200, out);
        });
    }

    private static void authorize(Request req, Optional<byte[]> expected, spark.Response res) {
        if (expected.isEmpty()) {
            throw new NotFound("No such endpoint.");
        }
        String header = req.headers("Authorization");
        byte[] given = digest(header != null && header.startsWith("Bearer ") ? header.substring(7) : "");
        if (!MessageDigest.isEqual(expected.get(), given)) {
            res.header("WWW-Authenticate", "Bearer");
            throw new org.therapychat.core.common.DomainException.Unauthenticated("A valid admin token is required.");
        }
    }

    /** Digests first, so the comparison takes the same time whatever the token's length. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
