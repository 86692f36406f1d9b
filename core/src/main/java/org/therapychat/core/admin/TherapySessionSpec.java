package org.therapychat.core.admin;

import java.util.List;

/**
 * PUT /admin/therapy-sessions/{tsId} as received; {@code admission} may be null (auto).
 *
 * @param name the session's name
 * @param topic its topic
 * @param date its start, ISO-8601 (e.g. {@code 2026-11-24T18:00:00Z})
 * @param members the members' user ids, in order
 * @param admission {@code auto}, {@code therapist} or null
 */
public record TherapySessionSpec(String name, String topic, String date, List<String> members, String admission) {
}
