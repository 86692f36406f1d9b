package org.therapychat.redcap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.Study;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;

/**
 * A flat export of the project read as a study (SPEC §6's default mapping, or {@code REDCAP_MAPPING}'s):
 * sessions from the session event, people from the person event, and each (session, participant)'s
 * surveys from the repeating assessment event's instance that names the session. A record that
 * cannot be used is skipped with its reason; the rest is read.
 */
final class RedcapProject {
    /** Where a survey's link comes from: a cache in front of {@code content=surveyLink}. */
    interface Links {
        Optional<String> link(String record, String instrument, String instance);
    }

    /** A survey that needs a link (an instance exists and the survey is not complete): the link cache's key. */
    record Wanted(String record, String instrument, String instance) {
    }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private final RedcapMapping m;
    private final ZoneId zone;
    private final PhoneNumberParser phones;

    RedcapProject(RedcapMapping mapping, ZoneId zone, PhoneNumberParser phones) {
        this.m = mapping;
        this.zone = zone;
        this.phones = phones;
    }

    /** Refuses an export that lacks a mapped field: a project changed under us is a failure, not an empty study. */
    void requireFields(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> keys = rows.get(0).keySet();
        for (String field : List.of(m.get("recordId"), "redcap_event_name")) {
            if (!keys.contains(field)) {
                throw new DirectoryUnavailable("REDCap's export has no field " + field + " (is the project longitudinal?)");
            }
        }
        for (String field : m.requiredFields()) {
            if (!keys.contains(field)) {
                throw new DirectoryUnavailable("REDCap's export has no field " + field
                        + " (set REDCAP_MAPPING if the project names it otherwise); nothing was applied");
            }
        }
    }

    Study study(List<Map<String, String>> rows, Links links) {
        return read(rows, links).study();
    }

    private final class Read {
        final List<User> people = new ArrayList<>();
        final List<Study.Session> sessions = new ArrayList<>();
        final List<Study.Surveys> surveys = new ArrayList<>();
        final List<Study.Issue> skipped = new ArrayList<>();
        final List<Study.Issue> warnings = new ArrayList<>();

        Study study() {
            return new Study(people, sessions, surveys, skipped, warnings);
        }
    }

    private Read read(List<Map<String, String>> rows, Links links) {
        Read r = new Read();
        Set<String> instruments = new LinkedHashSet<>();
        if (!rows.isEmpty()) {
            rows.get(0).keySet().stream().filter(k -> k.endsWith("_complete"))
                    .forEach(k -> instruments.add(k.substring(0, k.length() - "_complete".length())));
        }
        Map<String, User> people = new LinkedHashMap<>();
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        List<Map<String, String>> sessionRows = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String event = row.getOrDefault("redcap_event_name", "");
            if (event.equals(m.get("personEvent"))) {
                person(row, r).ifPresent(u -> people.put(u.id().value(), u));
            } else if (event.equals(m.get("sessionEvent"))) {
                sessionRows.add(row);
            } else if (event.equals(m.get("assessmentEvent"))) {
                String session = value(row, "assessmentSession");
                if (!session.isEmpty()) {
                    instances.put(record(row) + "\u0000" + session, row);
                }
            }
        }
        r.people.addAll(people.values());
        for (Map<String, String> row : sessionRows) {
            session(row, instruments, r).ifPresent(s -> {
                r.sessions.add(s.session);
                surveys(s, people, instances, links, r);
            });
        }
        return r;
    }

    private record ReadSession(Study.Session session, List<String> pre, List<String> post) {
    }

    private Optional<User> person(Map<String, String> row, Read r) {
        String record = record(row);
        String displayName = value(row, "personDisplayName");
        if (displayName.isEmpty()) {
            displayName = row.getOrDefault(m.get("personFirstName"), "").strip();
        }
        String phone = value(row, "personPhone");
        String identifier = value(row, "personIdentifier");
        String problem = displayName.isEmpty() ? "no " + m.get("personDisplayName")
                : phone.isEmpty() ? "no " + m.get("personPhone")
                : identifier.isEmpty() ? "no " + m.get("personIdentifier") : null;
        if (problem != null) {
            r.skipped.add(new Study.Issue(record, problem));
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = phones.parse(phone);
        } catch (DomainException | IllegalArgumentException e) {
            r.skipped.add(new Study.Issue(record, m.get("personPhone") + " is not a phone number"));
            return Optional.empty();
        }
        Role role = value(row, "personIsTherapist").equals("1") ? Role.THERAPIST : Role.PARTICIPANT;
        try {
            return Optional.of(new User(UserId.of(record), role, displayName, number, new Identifier(identifier)));
        } catch (IllegalArgumentException e) {
            r.skipped.add(new Study.Issue(record, e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<ReadSession> session(Map<String, String> row, Set<String> instruments, Read r) {
        String record = record(row);
        String title = value(row, "sessionTitle");
        if (title.isEmpty()) {
            r.skipped.add(new Study.Issue(record, "no " + m.get("sessionTitle")));
            return Optional.empty();
        }
        String start = value(row, "sessionStart");
        Instant date;
        try {
            date = LocalDateTime.parse(start, start.length() > 16 ? SECONDS : MINUTES).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            r.skipped.add(new Study.Issue(record, m.get("sessionStart") + " \"" + start + "\" is not a date-time YYYY-MM-DD HH:MM"));
            return Optional.empty();
        }
        List<String> pre = list(value(row, "sessionPreSurveys"), true);
        List<String> post = list(value(row, "sessionPostSurveys"), true);
        for (String instrument : concat(pre, post)) {
            if (!instruments.contains(instrument)) {
                r.skipped.add(new Study.Issue(record, "unknown instrument " + instrument + " in the survey lists"));
                return Optional.empty();
            }
        }
        List<String> members = new ArrayList<>();
        for (String id : concat(list(value(row, "sessionTherapist"), false), list(value(row, "sessionParticipants"), false))) {
            if (!members.contains(id)) {
                members.add(id);
            }
        }
        try {
            return Optional.of(new ReadSession(new Study.Session(TherapySessionId.of(record), title, value(row, "sessionTopic"),
                    date, members.stream().map(UserId::of).toList()), pre, post));
        } catch (IllegalArgumentException e) {
            r.skipped.add(new Study.Issue(record, e.getMessage()));
            return Optional.empty();
        }
    }

    private void surveys(ReadSession s, Map<String, User> people, Map<String, Map<String, String>> instances, Links links,
                         Read r) {
        if (s.pre.isEmpty() && s.post.isEmpty()) {
            return;
        }
        for (UserId member : s.session.members()) {
            User person = people.get(member.value());
            if (person == null || person.role() != Role.PARTICIPANT) {
                continue;
            }
            Map<String, String> instance = instances.get(member.value() + "\u0000" + s.session.id().value());
            if (instance == null) {
                r.warnings.add(new Study.Issue(member.value(), "no " + m.get("assessmentEvent") + " instance with "
                        + m.get("assessmentSession") + " = " + s.session.id().value() + ": its surveys have no links"));
            }
            List<Assessment> list = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String instrument : concat(s.pre, s.post)) {
                if (!seen.add(instrument)) {
                    continue;
                }
                Assessment.Due due = s.pre.contains(instrument) ? Assessment.Due.PRE : Assessment.Due.POST;
                boolean complete = instance != null && instance.getOrDefault(instrument + "_complete", "").equals("2");
                Optional<String> url = Optional.empty();
                if (instance != null && !complete) {
                    url = links.link(member.value(), instrument, instance.getOrDefault("redcap_repeat_instance", ""));
                }
                list.add(new Assessment(instrument, due, complete, url));
            }
            r.surveys.add(new Study.Surveys(s.session.id(), member, list));
        }
    }

    private String record(Map<String, String> row) {
        return row.getOrDefault(m.get("recordId"), "").strip();
    }

    private String value(Map<String, String> row, String key) {
        return row.getOrDefault(m.get(key), "").strip();
    }

    private static List<String> list(String text, boolean lowerCase) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
