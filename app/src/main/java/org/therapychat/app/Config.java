package org.therapychat.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.therapychat.core.common.Settings;
import org.therapychat.sms.SnsSettings;
import org.therapychat.sms.TwilioSettings;
import org.therapychat.web.WebSettings;
import org.therapychat.web.WebSettings.ConnectionLimits;

/** The environment table of SPEC §5, read once; a bad value stops the start with a message naming it. */
public record Config(Path dataDir, Optional<String> databaseUrl, String smsProvider, boolean demoData,
                     String phoneRegion, Optional<String> webOtpHost, Settings settings, WebSettings web,
                     SnsSettings sns, Optional<TwilioSettings> twilio, Deadlines deadlines,
                     Optional<String> metricsToken, Optional<RedcapConfig> redcap) {

    public static Config fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        Optional<String> databaseUrl = r.optional("DATABASE_URL");
        if (databaseUrl.filter(url -> !url.startsWith("jdbc:postgresql:")).isPresent()) {
            throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://host:5432/db?user=…&password=…");
        }
        Settings defaults = Settings.defaults();
        int codesPerPair = r.integer("OTP_MAX_SENDS_PER_HOUR", defaults.otpMaxSendsPerHour());
        Settings settings = new Settings(
                Duration.ofSeconds(r.integer("OTP_RESEND_SECONDS", 60)),
                codesPerPair,
                // a cap per phone below the budget per (phone, identifier) would make that budget a lie
                r.integer("OTP_MAX_SENDS_PER_PHONE_PER_HOUR",
                        Math.max(defaults.otpMaxSendsPerPhonePerHour(), codesPerPair)),
                r.integer("LOGIN_STARTS_PER_IP_PER_HOUR", defaults.loginStartsPerIpPerHour()),
                defaults.otpLifetime(),
                Duration.ofMinutes(r.integer("SESSION_IDLE_MINUTES", 30)),
                Duration.ofHours(r.integer("SESSION_MAX_HOURS", 12)),
                defaults.sessionTouchGranularity(),
                defaults.presenceLapse(),
                defaults.absenceNoticeAfter(),
                Duration.ofMillis(r.integer("POLL_INTERVAL_MS", 5000)),
                defaults.sessionOverAfter(),
                defaults.maxBodyLength(),
                defaults.maxQueueLength());
        boolean trustedProxy = r.bool("TRUSTED_PROXY", false);
        ConnectionLimits limits = ConnectionLimits.defaults(trustedProxy);
        WebSettings web = new WebSettings(r.text("HOST", "0.0.0.0"), r.integer("PORT", 4567),
                r.bool("COOKIE_SECURE", true), r.optional("ADMIN_TOKEN"), trustedProxy,
                settings.pollInterval(),
                Duration.ofMillis(r.integer("LIVE_POLL_INTERVAL_MS", 25_000)), r.integer("HTTP_THREADS", 16), 1 << 20, new ConnectionLimits(
                        r.seconds("HTTP_IDLE_TIMEOUT_SECONDS", limits.idleTimeout()),
                        r.seconds("HTTP_HEADER_TIMEOUT_SECONDS", limits.headerTimeout()),
                        r.seconds("HTTP_BODY_TIMEOUT_SECONDS", limits.bodyTimeout()),
                        r.integer("HTTP_MAX_CONNECTIONS_PER_ADDRESS", limits.maxConnectionsPerAddress())));
        SnsSettings sns = new SnsSettings(r.optional("SNS_REGION"), r.optional("SNS_ENDPOINT"),
                r.optional("SNS_SENDER_ID"), r.optional("SNS_ORIGINATION_NUMBER"), 3, Duration.ofMillis(200),
                Duration.ofSeconds(r.positive("SNS_SEND_TIMEOUT_SECONDS", 15)));
        Deadlines d = Deadlines.defaults();
        Deadlines deadlines = new Deadlines(
                Duration.ofSeconds(r.positive("DB_STATEMENT_TIMEOUT_SECONDS", (int) d.dbStatement().toSeconds())),
                Duration.ofSeconds(r.positive("DB_LOCK_TIMEOUT_SECONDS", (int) d.dbLock().toSeconds())),
                Duration.ofSeconds(r.positive("DB_SOCKET_TIMEOUT_SECONDS", (int) d.dbSocket().toSeconds())),
                r.positive("SMS_QUEUE_LIMIT", d.smsQueueLimit()),
                Duration.ofSeconds(r.positive("SHUTDOWN_SECONDS", (int) d.shutdown().toSeconds())));
        String provider = r.text("SMS_PROVIDER", "outbox");
        if (!java.util.Set.of("outbox", "sns", "twilio").contains(provider)) {
            throw new IllegalArgumentException("SMS_PROVIDER must be outbox, sns or twilio");
        }
        Optional<TwilioSettings> twilio = provider.equals("twilio") ? Optional.of(twilio(r)) : Optional.empty();
        Optional<String> metricsToken = r.optional("METRICS_TOKEN");
        if (metricsToken.filter(t -> t.length() < 16).isPresent()) {
            throw new IllegalArgumentException("METRICS_TOKEN must have at least 16 characters");
        }
        Optional<RedcapConfig> redcap = RedcapConfig.fromEnvironment(env);
        // REDCap brings the people: demo users (with demo phones) would only stand in their way
        return new Config(Path.of(r.text("DATA_DIR", "./data")), databaseUrl, provider,
                r.bool("DEMO_DATA", databaseUrl.isEmpty() && redcap.isEmpty()), r.text("PHONE_REGION", "US"), r.optional("WEBOTP_HOST"),
                settings, web, sns, twilio, deadlines, metricsToken, redcap);
    }

    /** SPEC §6: the account SID and auth token, and exactly one of a From number or a Messaging Service. */
    private static TwilioSettings twilio(Reader r) {
        List<String> missing = java.util.stream.Stream.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")
                .filter(name -> r.optional(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("SMS_PROVIDER=twilio needs " + String.join(" and ", missing));
        }
        Optional<String> from = r.optional("TWILIO_FROM");
        Optional<String> service = r.optional("TWILIO_MESSAGING_SERVICE_SID");
        if (from.isPresent() == service.isPresent()) {
            throw new IllegalArgumentException("SMS_PROVIDER=twilio needs exactly one of TWILIO_FROM (the sending "
                    + "number) or TWILIO_MESSAGING_SERVICE_SID" + (from.isPresent() ? ", not both" : ""));
        }
        URI api;
        try {
            api = new URI(r.text("TWILIO_API_URL", TwilioSettings.DEFAULT_API_URL.toString()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("TWILIO_API_URL must be a URL such as " + TwilioSettings.DEFAULT_API_URL);
        }
        try {
            return TwilioSettings.of(r.optional("TWILIO_ACCOUNT_SID").get(), r.optional("TWILIO_AUTH_TOKEN").get(),
                    from, service).withApiUrl(api).withDeadlines(Duration.ofSeconds(10),
                    Duration.ofSeconds(r.positive("TWILIO_SEND_TIMEOUT_SECONDS", 15)));
        } catch (IllegalArgumentException e) {
            // the settings name what is wrong, never the value (the token must not reach the console)
            throw new IllegalArgumentException(e.getMessage() + " (see TWILIO_ACCOUNT_SID, TWILIO_FROM, "
                    + "TWILIO_MESSAGING_SERVICE_SID and TWILIO_API_URL)");
        }
    }

    public Path outboxFile() {
        return dataDir.resolve("sms-outbox.jsonl");
    }

    private record Reader(Map<String, String> env) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback) {
            Optional<String> raw = optional(name);
            try {
                int value = raw.map(Integer::parseInt).orElse(fallback);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a non-negative whole number, not " + raw.orElse(""));
            }
        }

        int positive(String name, int fallback) {
            int value = integer(name, fallback);
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return value;
        }

        Duration seconds(String name, Duration fallback) {
            return Duration.ofSeconds(positive(name, (int) fallback.toSeconds()));
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, not " + raw.get());
            };
        }
    }
}
