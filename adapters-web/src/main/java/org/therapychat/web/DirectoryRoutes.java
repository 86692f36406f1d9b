package org.therapychat.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.therapychat.core.admin.DirectoryWorker;
import org.therapychat.core.admin.StaffAccess;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.directory.DirectoryStatus;
import org.therapychat.core.directory.Study;
import spark.Request;
import spark.Service;

/**
 * SPEC §6: REDCap's Data Entry Trigger ({@code POST /redcap/det?key=…}, a form REDCap's server posts
 * when a record is saved) and the sync's status for staff ({@code GET /admin/redcap}, {@code POST
 * /admin/redcap/sync}). The trigger is only a hint: it names a record, which the worker reads again
 * through the API off the request thread; the posted values are never used. A wrong key is a 403,
 * audited within the anonymous refusal budget.
 */
public final class DirectoryRoutes implements Routes {
    /** Where REDCap posts; exempt from the CSRF header (a server posts it, keyed in its query, no cookie acts). */
    static final String DET_PATH = "/redcap/det";
    private static final int MAX_RECORD = 100;
    private final Optional<DirectoryWorker> worker;
    private final Optional<byte[]> keyDigest;
    private final StaffAccess staff;
    private final Audit audit;
    private final LongSupplier calls;

    /** Without a directory (DIRECTORY=local): the trigger is 404 and the status says "not configured". */
    public static DirectoryRoutes none(StaffAccess staff, Audit audit) {
        return new DirectoryRoutes(Optional.empty(), Optional.empty(), staff, audit, () -> 0);
    }

    /**
     * With a directory.
     *
     * @param worker runs the syncs
     * @param detKey the trigger's key (16+ characters)
     * @param staff records refused triggers within the anonymous budget
     * @param audit records "sync now"
     * @param calls the API calls made so far
     */
    public DirectoryRoutes(Optional<DirectoryWorker> worker, Optional<String> detKey, StaffAccess staff, Audit audit,
                           LongSupplier calls) {
        this.worker = worker;
        this.keyDigest = detKey.map(DirectoryRoutes::digest);
        this.staff = staff;
        this.audit = audit;
        this.calls = calls;
    }

    @Override
    public void register(Service http, Web web) {
        http.post(DET_PATH, (req, res) -> {
            DirectoryWorker w = worker.orElseThrow(() -> new NotFound("No such endpoint."));
            String key = query(req).getOrDefault("key", "");
            if (keyDigest.isEmpty() || !MessageDigest.isEqual(keyDigest.get(), digest(key))) {
                staff.refusedAnonymous("POST " + DET_PATH);
                throw new NotAllowed("forbidden", "A valid key is required.");
            }
            String record = record(req);
            w.recordChanged(record);
            ObjectNode out = web.object();
            out.put("status", "queued");
            return web.send(res, 200, out);
        });
        http.get("/admin/redcap", (req, res) -> web.send(res, 200, status(web)));
        http.post("/admin/redcap/sync", (req, res) -> {
            DirectoryWorker w = worker.orElseThrow(() -> new NotFound("No directory is configured (DIRECTORY=local)."));
            audit.record(AdminRoutes.actor(req), "directory.sync_requested", w.sync().status().source(), "ok");
            w.syncNow();
            ObjectNode out = web.object();
            out.put("status", "queued");
            return web.send(res, 202, out);
        });
    }

    private ObjectNode status(Web web) {
        ObjectNode out = web.object();
        out.put("configured", worker.isPresent());
        if (worker.isEmpty()) {
            return out;
        }
        DirectoryStatus s = worker.get().sync().status();
        out.put("source", s.source());
        time(out, "lastSyncAt", s.lastSyncAt());
        time(out, "failingSince", s.failingSince());
        out.put("error", s.error().orElse(null));
        time(out, "nextAttemptAt", s.nextAttemptAt());
        out.putObject("counts").put("people", s.people()).put("sessions", s.sessions()).put("surveys", s.surveys());
        issues(out.putArray("skipped"), s.skipped());
        issues(out.putArray("warnings"), s.warnings());
        out.put("failures", s.failures());
        out.put("lastChanges", s.lastChanges());
        out.put("lastSyncMillis", s.lastSyncMillis());
        out.put("calls", calls.getAsLong());
        return out;
    }

    private static void time(ObjectNode out, String name, Optional<Instant> at) {
        out.put(name, at.map(Instant::toString).orElse(null));
    }

    private static void issues(ArrayNode out, List<Study.Issue> issues) {
        issues.forEach(i -> out.addObject().put("record", i.record()).put("reason", i.reason()));
    }

    /** The record the trigger names: the only field used. */
    private static String record(Request req) {
        String type = Optional.ofNullable(req.contentType()).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ValidationFailed("Content-Type", "The trigger is a form (application/x-www-form-urlencoded).");
        }
        String record = form(req.body()).getOrDefault("record", "").strip();
        if (record.isEmpty() || record.length() > MAX_RECORD || !record.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ValidationFailed("record", "record must be a REDCap record id");
        }
        return record;
    }

    private static Map<String, String> query(Request req) {
        return form(Optional.ofNullable(req.raw().getQueryString()).orElse(""));
    }

    private static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.isEmpty() || eq == 0) {
                continue;
            }
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException badEscape) {
                throw new ValidationFailed("body", "the form is not URL-encoded");
            }
        }
        return out;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
