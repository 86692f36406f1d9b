package org.therapychat.core.admin;

/**
 * PUT /admin/users/{userId} as received: every field raw (null when absent), validated by
 * {@link AdminService}. For an existing user an absent field keeps its value.
 *
 * @param role {@code participant}, {@code therapist} or {@code staff}
 * @param displayName the name members see
 * @param phone the phone as typed
 * @param identifier the second login field
 * @param disabled {@code true} ends the user's logins and refuses new ones; {@code false} lets them in again
 */
public record UserSpec(String role, String displayName, String phone, String identifier, Boolean disabled) {
    /**
     * A spec that leaves the disabled flag alone.
     *
     * @param role the role, or null
     * @param displayName the display name, or null
     * @param phone the phone, or null
     * @param identifier the identifier, or null
     */
    public UserSpec(String role, String displayName, String phone, String identifier) {
        this(role, displayName, phone, identifier, null);
    }
}
