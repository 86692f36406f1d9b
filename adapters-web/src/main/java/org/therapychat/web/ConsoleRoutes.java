package org.therapychat.web;

import org.therapychat.core.directory.ManagedRecords;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;
import org.therapychat.core.admin.SessionStats;
import org.therapychat.core.admin.StudyOverview;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.audit.AuditPage;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;
import spark.Service;

/** What the staff console reads under {@code /admin} (staff or token, see {@link AdminAuthorization}). */
public final class ConsoleRoutes implements Routes {
    private final StudyOverview overview;
    private final Audit audit;
    private final java.util.function.Function<ManagedRecords.Kind, java.util.Map<String, String>> managed;

    public ConsoleRoutes(StudyOverview overview, Audit audit) {
        this(overview, audit, kind -> java.util.Map.of());
    }

    /** ... marking what a directory owns ({@code "managedBy":"redcap"}): the console shows it read-only. */
    public ConsoleRoutes(StudyOverview overview, Audit audit,
                         java.util.function.Function<ManagedRecords.Kind, java.util.Map<String, String>> managed) {
        this.overview = overview;
        this.audit = audit;
        this.managed = managed;
    }

    private static void markManaged(ObjectNode node, java.util.Map<String, String> owned, String id) {
        String source = owned.get(id);
        if (source != null) {
            node.put("managedBy", source.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public void register(Service http, Web web) {
        http.get("/admin/users", (req, res) -> {
            ObjectNode out = web.object();
            ArrayNode users = out.putArray("users");
            var owned = managed.apply(ManagedRecords.Kind.USER);
            overview.users(req.queryParams("query")).forEach(u -> {
                ObjectNode node = user(web, u);
                markManaged(node, owned, u.id().value());
                users.add(node);
            });
            return web.send(res, 200, out);
        });
        http.get("/admin/therapy-sessions", (req, res) -> {
            ObjectNode out = web.object();
            ArrayNode list = out.putArray("therapy_sessions");
            var owned = managed.apply(ManagedRecords.Kind.SESSION);
            overview.sessions().forEach(s -> {
                ObjectNode node = session(web, s);
                markManaged(node, owned, s.session().id().value());
                list.add(node);
            });
            return web.send(res, 200, out);
        });
        http.get("/admin/therapy-sessions/:tsId", (req, res) -> {
            StudyOverview.SessionDetail detail = overview.session(Web.sessionId(req));
            ObjectNode out = session(web, detail.info());
            markManaged(out, managed.apply(ManagedRecords.Kind.SESSION), detail.info().session().id().value());
            ObjectNode surveys = out.putObject("assessments");
            detail.assessments().forEach((user, list) -> surveys.set(user.value(), assessments(web, list)));
            return web.send(res, 200, out);
        });
        http.get("/admin/therapy-sessions/:tsId/stats", (req, res) ->
                web.send(res, 200, stats(web, overview.stats(Web.sessionId(req)))));
        http.get("/admin/now", (req, res) -> {
            ObjectNode out = web.object();
            ArrayNode sessions = out.putArray("sessions");
            for (StudyOverview.Now now : overview.now()) {
                ObjectNode node = sessions.addObject();
                node.put("id", now.session().id().value());
                node.put("name", now.session().name());
                node.put("status", now.session().status().wireName());
                ArrayNode present = node.putArray("present");
                now.present().forEach(m -> present.addObject().put("id", m.id().value()).put("displayName", m.displayName()));
                node.put("messagesLast5Minutes", now.messagesLastMinutes());
            }
            return web.send(res, 200, out);
        });
        http.get("/admin/audit", (req, res) -> web.send(res, 200, audit(web, req.queryParams("since"),
                before(req.queryParams("before")), req.queryParams("limit"))));
    }

    /** Newest first a page at a time ({@code before}), or after an id in id order for a script that follows ({@code since}). */
    private ObjectNode audit(Web web, String since, OptionalLong before, String limit) {
        ObjectNode out = web.object();
        ArrayNode entries = out.putArray("entries");
        if (since != null && !since.isEmpty()) {
            if (before.isPresent()) {
                throw new ValidationFailed("before", "give since (entries after an id, oldest first) or before "
                        + "(entries older than an id, newest first), not both");
            }
            audit.after(since(since), limit(limit, Audit.MAX_PAGE)).forEach(e -> entries.add(entry(web, e)));
            return out;
        }
        AuditPage page = audit.newest(before, limit(limit, Audit.DEFAULT_PAGE));
        page.entries().forEach(e -> entries.add(entry(web, e)));
        if (page.nextBefore().isPresent()) {
            out.put("nextBefore", page.nextBefore().getAsLong());
        } else {
            out.putNull("nextBefore");
        }
        return out;
    }

    static ObjectNode user(Web web, User user) {
        ObjectNode node = MeRoutes.user(web, user);
        node.put("phone", user.phone().e164());
        node.put("identifier", user.identifier().value());
        node.put("disabled", user.disabled());
        return node;
    }

    private static OptionalLong before(String raw) {
        if (raw == null || raw.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!raw.matches("[0-9]{1,18}") || Long.parseLong(raw) == 0) {
            throw new ValidationFailed("before", "before must be an audit entry id (a positive integer)");
        }
        return OptionalLong.of(Long.parseLong(raw));
    }

    private static int limit(String raw, int otherwise) {
        if (raw == null || raw.isEmpty()) {
            return otherwise;
        }
        if (!raw.matches("[0-9]{1,4}")) {
            throw new ValidationFailed("limit", "limit must be a whole number from 1 to " + Audit.MAX_PAGE);
        }
        return Integer.parseInt(raw);
    }

    private static long since(String raw) {
        if (!raw.matches("[0-9]{1,18}")) {
            throw new ValidationFailed("since", "since must be an audit entry id (a non-negative integer)");
        }
        return Long.parseLong(raw);
    }

    private static ObjectNode session(Web web, StudyOverview.SessionInfo info) {
        ObjectNode node = TherapyRoutes.session(web, info.session());
        node.remove("whiteboard");
        ArrayNode members = node.putArray("members");
        info.members().forEach(m -> members.addObject().put("id", m.id().value()).put("displayName", m.displayName())
                .put("role", m.role().wireName()));
        return node;
    }

    /** The console shows every survey's link, a completed one's too. */
    private static ArrayNode assessments(Web web, List<Assessment> list) {
        ArrayNode out = web.mapper().createArrayNode();
        for (Assessment a : list) {
            ObjectNode node = out.addObject().put("name", a.name()).put("due", a.due().wireName())
                    .put("status", a.statusName());
            node.put("url", a.url().orElse(null));
            TherapyRoutes.labels(node, a);
        }
        return out;
    }

    private static ObjectNode stats(Web web, SessionStats stats) {
        ObjectNode out = web.object();
        ArrayNode members = out.putArray("members");
        stats.members().forEach(m -> members.addObject().put("id", m.id().value()).put("displayName", m.displayName())
                .put("role", m.role().wireName()).put("messages", m.messages()).put("reactions", m.reactions())
                .put("attendanceMinutes", m.attendanceMinutes()));
        ArrayNode buckets = out.putArray("timeToComplete");
        stats.timeToComplete().forEach(b -> buckets.addObject().put("upToMs", b.upToMs()).put("count", b.count()));
        ArrayNode words = out.putArray("wordsPerMessage");
        stats.wordsPerMessage().forEach(w -> words.addObject().put("minute", w.minute().toString())
                .put("messages", w.messages()).put("averageWords", w.averageWords()));
        return out;
    }

    private static ObjectNode entry(Web web, AuditEntry e) {
        return web.object().put("id", e.id()).put("at", e.at().toString()).put("actor", e.actor())
                .put("action", e.action()).put("target", e.target()).put("outcome", e.outcome());
    }
}
