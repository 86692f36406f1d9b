package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.login.User;
import spark.Service;

/** GET /api/me, GET /livez (the process answers) and GET /healthz (the database answers too). */
public final class MeRoutes implements Routes {
    private final Health health;

    public MeRoutes(Health health) {
        this.health = health;
    }

    @Override
    public void register(Service http, Web web) {
        http.get("/api/me", (req, res) -> {
            Caller caller = web.caller(req);
            ObjectNode body = web.object();
            body.set("user", user(web, caller.user()));
            body.put("currentTherapySession",
                    caller.session().currentTherapySession().map(TherapySessionId::value).orElse(null));
            body.put("pollIntervalMs", web.settings().pollInterval().toMillis());
            body.put("livePollIntervalMs", web.settings().livePollInterval().toMillis());
            return web.send(res, 200, body);
        });
        http.get("/livez", (req, res) -> {
            ObjectNode body = web.object();
            body.put("status", "ok");
            return web.send(res, 200, body);
        });
        http.get("/healthz", (req, res) -> {
            boolean up = health.isHealthy();
            ObjectNode body = web.object();
            body.put("status", up ? "ok" : "unavailable");
            return web.send(res, up ? 200 : 503, body);
        });
    }

    static ObjectNode user(Web web, User user) {
        ObjectNode node = web.object();
        node.put("id", user.id().value());
        node.put("role", user.role().wireName());
        node.put("displayName", user.displayName());
        return node;
    }
}
