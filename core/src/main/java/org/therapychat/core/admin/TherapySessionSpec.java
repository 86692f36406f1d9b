package org.therapychat.core.admin;

import java.util.List;

/** PUT /admin/therapy-sessions/{tsId} as received; {@code admission} may be null (auto). */
public record TherapySessionSpec(String name, String topic, String date, List<String> members, String admission) {
}
