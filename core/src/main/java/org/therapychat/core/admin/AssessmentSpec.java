package org.therapychat.core.admin;

/**
 * One entry of PUT …/assessments/{userId}; {@code due} may be null (post).
 *
 * @param name the survey's name
 * @param due {@code pre}, {@code post} or null
 * @param status {@code complete} or {@code incomplete}
 * @param url where to fill it in, or null
 */
public record AssessmentSpec(String name, String due, String status, String url) {
}
