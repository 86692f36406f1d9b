package org.therapychat.web;

import java.util.Locale;

/**
 * Whether a request path, as sent (not yet decoded), is spelled the one way our routes and guards
 * expect. The router ignores empty segments and Jetty resolves dot segments and decodes escapes, so
 * {@code //api/logout}, {@code /x/../api/logout} or {@code /api%2Flogout} could reach a route by a
 * spelling that a path-based check does not recognise. Such paths are refused before routing.
 */
final class CanonicalPath {
    private CanonicalPath() {
    }

    static boolean isCanonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains("//")) {
            return false;
        }
        if (rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        // encoded '/', '.', '\', NUL and '%' (double encoding)
        for (String escape : new String[] {"%2f", "%2e", "%5c", "%00", "%25"}) {
            if (lower.contains(escape)) {
                return false;
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
