package org.therapychat.core.login;

/** A {@link UserDirectory} the admin API can write to (standalone mode). */
public interface UserStore extends UserDirectory {
    /** Creates or replaces the user with this id. */
    void put(User user);
}
