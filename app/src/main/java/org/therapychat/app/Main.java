package org.therapychat.app;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.therapychat.persistence.PgTimeouts;

/** Reads the environment, picks the modules, starts, and stops cleanly on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config = configOrExit();
        if (DataCommands.isCommand(args)) {
            System.exit(DataCommands.run(args, config, System.out, System.err));
            return;
        }
        TherapyChatApp app = startOrExit(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(app, config.deadlines().shutdown()), "shutdown"));
    }

    /** The environment, or one line naming the bad variable and exit code 1. */
    static Config configOrExit() {
        try {
            return Config.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            return exit(e.getMessage() + ". Fix the environment variable and start again.", e);
        }
    }

    /** The started app, or one line saying what failed and what to do (the stack only at debug level), exit code 1. */
    static TherapyChatApp startOrExit(Config config) {
        try {
            StartFailure.portFree(config.web());
            return create(config, List.of()).start();
        } catch (RuntimeException | LinkageError e) {
            return exit(StartFailure.explain(e, config), e);
        }
    }

    private static <T> T exit(String why, Throwable e) {
        LoggerFactory.getLogger(Main.class).debug("start failed", e);
        System.err.println("therapychat: cannot start: " + why);
        System.exit(1);
        return null;
    }

    /**
     * SIGTERM: a clean stop, but never longer than {@code limit} (a database or SMS provider that
     * went silent must not keep the process alive); past it the process halts with 1. A stop that
     * finished exits 0: it is the success a supervisor asked for, where the JVM would report 143
     * (128 + SIGTERM). Nothing else runs after it: the app has closed everything it opened (H2 runs
     * without its own shutdown hook), and this hook is registered only once the app has started.
     */
    static void stopWithin(TherapyChatApp app, Duration limit) {
        Thread stopping = new Thread(app::stop, "stopping");
        stopping.setDaemon(true);
        stopping.start();
        try {
            stopping.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LoggerFactory.getLogger(Main.class).error("stop did not finish within {} s; exiting anyway", limit.toSeconds());
            Runtime.getRuntime().halt(1);
        }
        // the log is written off the request threads: write out what is queued before the JVM ends
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
            logs.stop();
        }
        Runtime.getRuntime().halt(0);
    }

    /** The whole app from configuration; {@code overrides} replace any binding (what an embedder passes). */
    public static TherapyChatApp create(Config config, List<Module> overrides) {
        Deadlines d = config.deadlines();
        Module persistence = config.databaseUrl()
                .map(url -> PersistenceModule.postgres(url, new PgTimeouts(d.dbStatement(), d.dbLock(), d.dbSocket())))
                .orElseGet(() -> PersistenceModule.h2(config.dataDir()));
        Module sms = switch (config.smsProvider()) {
            case "sns" -> SmsModule.sns(config.sns());
            case "twilio" -> SmsModule.twilio(config.twilio().orElseThrow());
            default -> SmsModule.outbox(config.outboxFile());
        };
        Module all = com.google.inject.util.Modules.override(
                new CoreModule(config.settings(), config.phoneRegion(), config.webOtpHost(),
                        config.deadlines().smsQueueLimit()),
                persistence, sms, new WebModule(config.web()), new MetricsModule(config.metricsToken()),
                config.redcap().map(DirectoryModule::redcap).orElseGet(DirectoryModule::local)).with(overrides);
        return new TherapyChatApp(Guice.createInjector(Stage.DEVELOPMENT, all), config);
    }
}
