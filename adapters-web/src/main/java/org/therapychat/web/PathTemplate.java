package org.therapychat.web;

import java.util.regex.Pattern;

/**
 * A request path with its ids replaced by the route's parameter names, for the request log:
 * one line per route however many sessions and users there are, and no ids in the logs.
 */
final class PathTemplate {
    private static final Pattern SESSION = Pattern.compile("^/(api|admin)/therapy-sessions/[^/]+");
    private static final Pattern USER = Pattern.compile("/(admit|revoke|assessments|users)/[^/]+");

    private PathTemplate() {
    }

    static String of(String path) {
        if (path == null) {
            return "-";
        }
        String template = SESSION.matcher(path).replaceFirst("/$1/therapy-sessions/:tsId");
        return USER.matcher(template).replaceAll("/$1/:userId");
    }
}
