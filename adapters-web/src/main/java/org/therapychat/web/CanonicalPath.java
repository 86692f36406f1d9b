package org.therapychat.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request path, as sent (not yet decoded), is spelled the one way our routes and guards
 * expect. The router ignores empty segments and Jetty resolves dot segments and decodes escapes, so
 * {@code //api/logout}, {@code /x/../api/logout} or {@code /api%2Flogout} could reach a route by a
 * spelling that a path-based check does not recognise. Such paths are refused before routing, and so
 * are escapes that do not decode as UTF-8 (the router would fail on them while matching).
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
        return decodesAsUtf8(rawPath);
    }

    /** Whether every escape is {@code %XX} and the bytes they stand for are UTF-8 (the router decodes them so). */
    private static boolean decodesAsUtf8(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= rawPath.length()) {
                return false;
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
