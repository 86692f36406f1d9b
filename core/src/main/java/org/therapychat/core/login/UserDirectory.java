package org.therapychat.core.login;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.UserId;

/** Who may log in. An embedding research platform implements this over its own records. */
public interface UserDirectory {
    /**
     * One user, disabled or not.
     *
     * @param id the user id
     * @return the user, or empty if there is none
     */
    Optional<User> findById(UserId id);

    /**
     * Every user registered with this phone (a family may share one); identifiers tell them apart.
     *
     * @param phone the phone in E.164 form
     * @return the users, possibly empty, disabled ones included
     */
    List<User> findByPhone(PhoneNumber phone);
}
