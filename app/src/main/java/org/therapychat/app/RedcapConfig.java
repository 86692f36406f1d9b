package org.therapychat.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.therapychat.redcap.RedcapMapping;
import org.therapychat.redcap.RedcapSettings;

/**
 * {@code DIRECTORY=redcap} (SPEC §6): {@code REDCAP_API_URL}, {@code REDCAP_API_TOKEN},
 * {@code REDCAP_TIMEZONE}, {@code REDCAP_SYNC_SECONDS}, {@code REDCAP_DET_KEY}, {@code REDCAP_MAPPING}.
 * A missing or bad one stops the start with a message naming it (never quoting the token or the key).
 */
public record RedcapConfig(RedcapSettings settings, Duration syncInterval, String detKey) {
    static Optional<RedcapConfig> fromEnvironment(Map<String, String> env) {
        String directory = text(env, "DIRECTORY").orElse("local");
        if (directory.equals("local")) {
            return Optional.empty();
        }
        if (!directory.equals("redcap")) {
            throw new IllegalArgumentException("DIRECTORY must be local or redcap");
        }
        String url = text(env, "REDCAP_API_URL").orElseThrow(() ->
                new IllegalArgumentException("REDCAP_API_URL is required with DIRECTORY=redcap (e.g. https://redcap.example.edu/api/)"));
        URI api;
        try {
            api = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REDCAP_API_URL is not a URL");
        }
        String token = text(env, "REDCAP_API_TOKEN").orElseThrow(() ->
                new IllegalArgumentException("REDCAP_API_TOKEN is required with DIRECTORY=redcap"));
        ZoneId zone;
        try {
            zone = ZoneId.of(text(env, "REDCAP_TIMEZONE").orElse("UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("REDCAP_TIMEZONE must be a time zone such as America/New_York");
        }
        String seconds = text(env, "REDCAP_SYNC_SECONDS").orElse("60");
        if (!seconds.matches("[0-9]{1,6}") || Integer.parseInt(seconds) < 5) {
            throw new IllegalArgumentException("REDCAP_SYNC_SECONDS must be a whole number of seconds, at least 5");
        }
        String key = text(env, "REDCAP_DET_KEY").orElse("");
        if (key.length() < 16) {
            throw new IllegalArgumentException("REDCAP_DET_KEY must have at least 16 characters (REDCap's Data Entry "
                    + "Trigger URL carries it: /redcap/det?key=…)");
        }
        if (!key.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("REDCAP_DET_KEY may hold only letters, digits and . _ ~ - (it goes in a URL)");
        }
        RedcapMapping mapping = RedcapMapping.defaults();
        Optional<String> file = text(env, "REDCAP_MAPPING");
        if (file.isPresent()) {
            try {
                mapping = RedcapMapping.fromJson(Files.readString(Path.of(file.get())));
            } catch (IOException e) {
                throw new IllegalArgumentException("REDCAP_MAPPING names a file that cannot be read: " + file.get());
            }
        }
        return Optional.of(new RedcapConfig(RedcapSettings.of(api, token, zone, mapping),
                Duration.ofSeconds(Integer.parseInt(seconds)), key));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "RedcapConfig[" + settings + ", syncInterval=" + syncInterval + ", detKey=(hidden)]";
    }
}
