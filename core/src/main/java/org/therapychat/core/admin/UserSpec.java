package org.therapychat.core.admin;

/** PUT /admin/users/{userId} as received: every field raw, validated by {@link AdminService}. */
public record UserSpec(String role, String displayName, String phone, String identifier) {
}
