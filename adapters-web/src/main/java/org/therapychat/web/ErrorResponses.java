package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.AssessmentsPending;
import org.therapychat.core.common.DomainException.InvalidCode;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.RowsInvalid;
import org.therapychat.core.common.DomainException.TooManyCodes;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Every failure to a status and a JSON body {@code {"error","message",…}}, in one place. Only a request
 * that fails parsing or validation ({@code ValidationFailed}, thrown at every parse spot) is the client's
 * fault; any other exception — an {@code IllegalArgumentException} from stored data included — is a
 * logged 500 that names no internals.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private final Web web;

    ErrorResponses(Web web) {
        this.web = web;
    }

    void install(Service http) {
        http.exception(DomainException.class, (e, req, res) -> res.body(domain(e, req, res)));
        // Jetty's own parse failures met while a route reads the request (a query that is not UTF-8 …)
        http.exception(BadMessageException.class, (e, req, res) -> res.body(error(res,
                e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400, "bad_request", "The request could not be read.")));
        http.exception(BodyTooLarge.class, (e, req, res) ->
                res.body(error(res, 413, "body_too_large", "The request body is larger than 1 MiB.")));
        http.exception(MediaType.Unsupported.class, (e, req, res) -> {
            ObjectNode body = body("unsupported_media_type", e.getMessage());
            body.put("field", "Content-Type");
            res.body(web.sendText(res, 415, body));
        });
        http.exception(LengthRequired.class, (e, req, res) ->
                res.body(error(res, 411, "length_required", "Send the body with a Content-Length.")));
        http.exception(Exception.class, (e, req, res) -> {
            LOG.error("unexpected failure on {} {}", LogSafe.text(req.requestMethod()), LogSafe.text(req.matchedPath()),
                    LogSafe.throwable(e));
            res.body(error(res, 500, "internal_error", "Something went wrong on our side."));
        });
        http.notFound((req, res) -> {
            req.attribute(RequestLog.UNMATCHED, Boolean.TRUE);
            return error(res, 404, "not_found", "No such endpoint.");
        });
        http.internalServerError((req, res) -> error(res, 500, "internal_error", "Something went wrong on our side."));
    }

    private String domain(DomainException e, Request req, Response res) {
        if (e instanceof Unauthenticated) {
            return error(res, 401, "unauthenticated", e.getMessage());
        }
        if (e instanceof InvalidCode invalid) {
            web.clearCookie(res, Web.LOGIN_COOKIE, "/api/login");
            ObjectNode body = body(e.code(), e.getMessage());
            body.put("restart", true);
            invalid.codesLeft().ifPresent(left -> body.put("codesLeft", left));
            return web.sendText(res, 401, body);
        }
        if (e instanceof AssessmentsPending pending) {
            ObjectNode body = body(e.code(), e.getMessage());
            pending.assessments().forEach(body.putArray("assessments")::add);
            return web.sendText(res, 403, body);
        }
        if (e instanceof NotAllowed) {
            return error(res, 403, e.code(), e.getMessage());
        }
        if (e instanceof TooManyCodes tooMany) {
            ObjectNode body = body(e.code(), e.getMessage());
            body.put("retryAfterSeconds", tooMany.retryAfterSeconds());
            res.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            return web.sendText(res, 429, body);
        }
        if (e instanceof ValidationFailed invalid) {
            ObjectNode body = body(e.code(), e.getMessage());
            body.put("field", invalid.field());
            return web.sendText(res, 400, body);
        }
        if (e instanceof RowsInvalid invalid) {
            ObjectNode body = body(e.code(), e.getMessage());
            body.put("field", "body");
            var rows = body.putArray("rows");
            invalid.rows().forEach(r -> rows.addObject().put("line", r.line()).put("field", r.field())
                    .put("message", r.message()));
            return web.sendText(res, 400, body);
        }
        if (e instanceof NotFound) {
            return error(res, 404, e.code(), e.getMessage());
        }
        if (e instanceof DomainException.ManagedElsewhere) {
            return error(res, 409, e.code(), e.getMessage());
        }
        if (e instanceof DomainException.DirectoryUnavailable) {
            res.header("Retry-After", "30");
            return error(res, 503, e.code(), e.getMessage());
        }
        if (e instanceof PortFailure) {
            LOG.warn("{} {} unavailable: {}", LogSafe.text(req.requestMethod()), LogSafe.text(req.matchedPath()),
                    rootCause(e));
            res.header("Retry-After", "5");
            return error(res, 503, e.code(), e.getMessage());
        }
        throw new IllegalStateException("unmapped domain exception " + e.getClass());
    }

    private ObjectNode body(String error, String message) {
        ObjectNode body = web.object();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    String error(Response res, int status, String error, String message) {
        return web.sendText(res, status, body(error, message));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Thrown for a body of undeclared length. */
    static final class LengthRequired extends RuntimeException {
        LengthRequired() {
            super("length required", null, false, false);
        }
    }

    /** Thrown by the body-size guard. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("body too large", null, false, false);
        }
    }
}
