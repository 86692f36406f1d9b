package org.therapychat.core.admin;

import java.util.Map;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.PlainText;

/**
 * One entry of PUT …/assessments/{userId}; {@code due} may be null (post).
 *
 * @param name the survey's name
 * @param due {@code pre}, {@code post} or null
 * @param status {@code complete} or {@code incomplete}
 * @param url where to fill it in, or null
 * @param label what to show instead of the name in any language, or null
 * @param labels what to show per language ({@code {"en":…,"es":…}}), or null
 */
public record AssessmentSpec(String name, String due, String status, String url, String label, Map<String, String> labels) {
    /**
     * Refuses a name no one could read as typed.
     *
     * @param name the survey's name, or null
     * @param due {@code pre}, {@code post} or null
     * @param status {@code complete}, {@code incomplete} or null
     * @param url where to fill it in, or null
     * @param label what to show instead of the name, or null
     * @param labels what to show per language, or null
     * @throws ValidationFailed {@code name} holding a control or bidirectional-override character
     *     ({@link PlainText#notALine})
     */
    public AssessmentSpec {
        SpecText.requireLine(name, "name");
    }

    /**
     * An entry shown under its name.
     *
     * @param name the survey's name
     * @param due {@code pre}, {@code post} or null
     * @param status {@code complete} or {@code incomplete}
     * @param url where to fill it in, or null
     */
    public AssessmentSpec(String name, String due, String status, String url) {
        this(name, due, status, url, null, null);
    }
}
