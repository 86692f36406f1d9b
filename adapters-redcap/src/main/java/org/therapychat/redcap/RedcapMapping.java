package org.therapychat.redcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which REDCap events and fields hold what (SPEC §6). The defaults are the original's
 * {@code GroupChatTherapy} template; a {@code REDCAP_MAPPING} JSON file overrides any of them by
 * name, e.g. {@code {"sessionTitle":"title","personEvent":"people_arm_1"}}.
 */
public record RedcapMapping(Map<String, String> names) {
    /** Every name a mapping has, with the template's value. */
    public static final Map<String, String> DEFAULTS = defaults0();

    public RedcapMapping {
        names = Map.copyOf(names);
        for (String key : DEFAULTS.keySet()) {
            if (!names.containsKey(key) || names.get(key).isBlank()) {
                throw new IllegalArgumentException("REDCAP_MAPPING lacks " + key);
            }
        }
    }

    private static Map<String, String> defaults0() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("recordId", "record_id");
        d.put("sessionEvent", "therapy_session_arm_1");
        d.put("personEvent", "participant_arm_2");
        d.put("assessmentEvent", "assessments_arm_2");
        d.put("sessionTitle", "ts_title");
        d.put("sessionTopic", "ts_topic");
        d.put("sessionStart", "ts_start");
        d.put("sessionParticipants", "ts_authorized_participants");
        d.put("sessionTherapist", "ts_therapist");
        d.put("sessionPreSurveys", "ts_pre_survey_list");
        d.put("sessionPostSurveys", "ts_post_survey_list");
        d.put("personDisplayName", "participant_display_name");
        d.put("personFirstName", "participant_first_name");
        d.put("personPhone", "participant_phone_number");
        d.put("personIdentifier", "participant_last_name");
        d.put("personIsTherapist", "admin");
        d.put("assessmentSession", "assessment_ts_id");
        return java.util.Collections.unmodifiableMap(d);
    }

    public static RedcapMapping defaults() {
        return new RedcapMapping(DEFAULTS);
    }

    /**
     * The defaults with a file's overrides.
     *
     * @param json a JSON object of names to REDCap field or event names
     * @throws IllegalArgumentException naming an unknown key or a value that is not a name
     */
    public static RedcapMapping fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("REDCAP_MAPPING is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("REDCAP_MAPPING must be a JSON object such as {\"sessionTitle\":\"ts_title\"}");
        }
        Map<String, String> names = new LinkedHashMap<>(DEFAULTS);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("REDCAP_MAPPING has an unknown key " + e.getKey()
                        + "; known keys: " + String.join(", ", DEFAULTS.keySet()));
            }
            if (!e.getValue().isTextual() || !e.getValue().asText().matches("[a-z][a-z0-9_]{0,99}")) {
                throw new IllegalArgumentException("REDCAP_MAPPING " + e.getKey()
                        + " must be a REDCap name (lower-case letters, digits, _)");
            }
            names.put(e.getKey(), e.getValue().asText());
        }
        return new RedcapMapping(names);
    }

    public String get(String key) {
        String value = names.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no mapping key " + key);
        }
        return value;
    }

    /** The events a full export asks for. */
    public List<String> events() {
        return List.of(get("sessionEvent"), get("personEvent"), get("assessmentEvent"));
    }

    /** The fields every row of an export must have (the project lacks one: nothing is applied). */
    public List<String> requiredFields() {
        return DEFAULTS.keySet().stream().filter(k -> !k.endsWith("Event") && !k.equals("personFirstName")).map(this::get).toList();
    }
}
