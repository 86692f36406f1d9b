package org.therapychat.web;

import java.util.regex.Pattern;

/** Whether a forwarded hop is an IP address as written by a proxy (IPv4 dotted quad or IPv6), nothing else. */
final class IpAddress {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddress() {
    }

    static boolean isLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        // only hex digits, colons and dots (an IPv4 tail), so the JDK parses it without a name lookup
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
