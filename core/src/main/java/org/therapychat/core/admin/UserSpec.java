package org.therapychat.core.admin;

/**
 * PUT /admin/users/{userId} as received: every field raw (null when absent), validated by
 * {@link AdminService}. For an existing user an absent field keeps its value.
 */
public record UserSpec(String role, String displayName, String phone, String identifier, Boolean disabled) {
    public UserSpec(String role, String displayName, String phone, String identifier) {
        this(role, displayName, phone, identifier, null);
    }
}
