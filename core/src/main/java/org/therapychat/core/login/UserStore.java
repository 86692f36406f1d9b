package org.therapychat.core.login;

import java.util.List;

/** A {@link UserDirectory} the admin API can write to (standalone mode). */
public interface UserStore extends UserDirectory {
    /**
     * Creates or replaces the user with this id.
     *
     * @param user the user
     */
    void put(User user);

    /**
     * Whether nobody at all is registered (a fresh database: the only one the demo data may go into).
     *
     * @return {@code true} if there are no users
     */
    boolean isEmpty();

    /**
     * Every user, sorted by id: for the staff console (a study has hundreds, not millions).
     *
     * @return all users
     */
    List<User> list();
}
