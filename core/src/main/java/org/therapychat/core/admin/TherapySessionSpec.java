package org.therapychat.core.admin;

import java.util.List;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.PlainText;

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
    /**
     * Refuses a name or topic no one could read as typed.
     *
     * @param name the session's name, or null
     * @param topic its topic, or null
     * @param date its start, or null
     * @param members the members' user ids, or null
     * @param admission the admission setting, or null
     * @throws ValidationFailed {@code name} or {@code topic} holding a control or bidirectional-override
     *     character ({@link PlainText#notALine})
     */
    public TherapySessionSpec {
        SpecText.requireLine(name, "name");
        SpecText.requireLine(topic, "topic");
    }
}
