package org.therapychat.core.login;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.UserId;

/** Who may log in. An embedding research platform implements this over its own records. */
public interface UserDirectory {
    Optional<User> findById(UserId id);

    /** Every user registered with this phone (a family may share one); identifiers tell them apart. */
    List<User> findByPhone(PhoneNumber phone);
}
