package org.therapychat.core.login;

import java.util.List;

/** A {@link UserDirectory} the admin API can write to (standalone mode). */
public interface UserStore extends UserDirectory {
    /** Creates or replaces the user with this id. */
    void put(User user);

    /** Every user, sorted by id: for the staff console (a study has hundreds, not millions). */
    List<User> list();
}
