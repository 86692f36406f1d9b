package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.LoginStarted;
import org.therapychat.core.login.User;
import spark.Request;
import spark.Response;
import spark.Service;

/** SPEC §1 over HTTP: start, resend, verify, logout. */
public final class LoginRoutes implements Routes {
    private static final String LOGIN_PATH = "/api/login";
    private static final long LOGIN_COOKIE_SECONDS = 600;

    private final LoginService login;
    private final AuthSessions auth;

    public LoginRoutes(LoginService login, AuthSessions auth) {
        this.login = login;
        this.auth = auth;
    }

    @Override
    public void register(Service http, Web web) {
        http.post("/api/login/start", (req, res) -> {
            JsonBody body = web.body(req, "phone", "identifier");
            LoginStarted started = login.start(body.text("phone"), body.text("identifier"), web.clientAddress(req));
            return codeSent(web, res, started);
        });
        http.post("/api/login/resend", (req, res) -> {
            SecretToken pending = web.token(req, Web.LOGIN_COOKIE)
                    .orElseThrow(() -> new Unauthenticated("This login has expired. Please start again."));
            return codeSent(web, res, login.resend(pending));
        });
        http.post("/api/login/verify", (req, res) -> verify(web, req, res));
        http.post("/api/logout", (req, res) -> {
            web.token(req, Web.SESSION_COOKIE).ifPresent(auth::logout);
            web.clearCookie(res, Web.SESSION_COOKIE, "/");
            ObjectNode body = web.object();
            body.put("status", "logged_out");
            return web.send(res, 200, body);
        });
    }

    private byte[] verify(Web web, Request req, Response res) {
        JsonBody body = web.body(req, "code");
        String code = body.text("code");
        SecretToken pending = web.token(req, Web.LOGIN_COOKIE)
                .orElseThrow(() -> new org.therapychat.core.common.DomainException.InvalidCode(
                        "This login has expired. Please start again."));
        SecretToken session = login.verify(pending, code, web.token(req, Web.SESSION_COOKIE));
        web.clearCookie(res, Web.LOGIN_COOKIE, LOGIN_PATH);
        web.setCookie(res, Web.SESSION_COOKIE, session.value(), "/", -1);
        ObjectNode out = web.object();
        out.put("status", "logged_in");
        User user = auth.authenticate(session).user();
        out.set("user", MeRoutes.user(web, user));
        return web.send(res, 200, out);
    }

    private static byte[] codeSent(Web web, Response res, LoginStarted started) {
        web.setCookie(res, Web.LOGIN_COOKIE, started.pendingLogin().value(), LOGIN_PATH, LOGIN_COOKIE_SECONDS);
        ObjectNode body = web.object();
        body.put("status", "code_sent");
        body.put("resendAfterSeconds", started.resendAfter().toSeconds());
        body.put("sentTo", started.sentTo());
        return web.send(res, 202, body);
    }
}
