package org.therapychat.app;

import java.util.Map;

/** The admin API's header for tests. */
final class RunningAppAuth {
    static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN);

    private RunningAppAuth() {
    }
}
