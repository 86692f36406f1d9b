package org.therapychat.core.admin;

import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.PlainText;

/**
 * One entry of PUT …/assessments/{userId}; {@code due} may be null (post).
 *
 * @param name the survey's name
 * @param due {@code pre}, {@code post} or null
 * @param status {@code complete} or {@code incomplete}
 * @param url where to fill it in, or null
 */
public record AssessmentSpec(String name, String due, String status, String url) {
    /**
     * Refuses a name no one could read as typed.
     *
     * @param name the survey's name, or null
     * @param due {@code pre}, {@code post} or null
     * @param status {@code complete}, {@code incomplete} or null
     * @param url where to fill it in, or null
     * @throws ValidationFailed {@code name} holding a control or bidirectional-override character
     *     ({@link PlainText#notALine})
     */
    public AssessmentSpec {
        SpecText.requireLine(name, "name");
    }
}
