package org.therapychat.core.admin;

/** One entry of PUT …/assessments/{userId}; {@code due} may be null (post). */
public record AssessmentSpec(String name, String due, String status, String url) {
}
