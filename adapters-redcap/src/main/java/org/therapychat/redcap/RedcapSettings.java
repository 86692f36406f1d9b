package org.therapychat.redcap;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where REDCap's API is and how to read it. The token is only ever sent in a request body: it is
 * never logged and never part of a message ({@link #toString()} hides it).
 *
 * @param apiUrl e.g. {@code https://redcap.example.edu/api/}
 * @param token the project's API token
 * @param zone the project's time zone, for {@code ts_start}
 * @param connectTimeout the longest wait for a connection (5 s)
 * @param callTimeout the longest wait for one whole call (15 s)
 * @param mapping events and field names
 * @param linkConcurrency survey links fetched at once
 */
public record RedcapSettings(URI apiUrl, String token, ZoneId zone, Duration connectTimeout, Duration callTimeout,
                             RedcapMapping mapping, int linkConcurrency) {
    public RedcapSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(mapping, "mapping");
        if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme())) {
            throw new IllegalArgumentException("REDCAP_API_URL must be an http(s) URL such as https://redcap.example.edu/api/");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("REDCAP_API_TOKEN is required with DIRECTORY=redcap");
        }
    }

    /** The defaults of SPEC §6 / issue 23: connect 5 s, whole call 15 s, 8 links at once. */
    public static RedcapSettings of(URI apiUrl, String token, ZoneId zone, RedcapMapping mapping) {
        return new RedcapSettings(apiUrl, token, zone, Duration.ofSeconds(5), Duration.ofSeconds(15), mapping, 8);
    }

    @Override
    public String toString() {
        return "RedcapSettings[apiUrl=" + apiUrl + ", token=(hidden), zone=" + zone + "]";
    }
}
