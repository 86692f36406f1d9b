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
     * Creates or replaces each user, as {@link #put} each in turn (a first directory sync stores a
     * whole study; an adapter may write them in one batch). Callers that need all or none call it
     * in one unit of work.
     *
     * @param users the users, ids distinct
     * @throws org.therapychat.core.common.DomainException.ValidationFailed {@code identifier} when
     *     another user has one's phone and identifier
     */
    default void putAll(List<User> users) {
        users.forEach(this::put);
    }

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
