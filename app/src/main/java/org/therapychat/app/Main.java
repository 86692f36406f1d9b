package org.therapychat.app;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.List;

/** Reads the environment, picks the modules, starts, and stops cleanly on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("therapychat: " + e.getMessage());
            System.exit(2);
            return;
        }
        TherapyChatApp app = create(config, List.of()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    }

    /** The whole app from configuration; {@code overrides} replace any binding (what an embedder passes). */
    public static TherapyChatApp create(Config config, List<Module> overrides) {
        Module persistence = config.databaseUrl().map(PersistenceModule::postgres)
                .orElseGet(() -> PersistenceModule.h2(config.dataDir()));
        Module sms = config.smsProvider().equals("sns") ? SmsModule.sns(config.sns()) : SmsModule.outbox(config.outboxFile());
        Module all = com.google.inject.util.Modules.override(
                new CoreModule(config.settings(), config.phoneRegion(), config.webOtpHost(),
                        config.deadlines().smsQueueLimit()),
                persistence, sms, new WebModule(config.web())).with(overrides);
        return new TherapyChatApp(Guice.createInjector(Stage.DEVELOPMENT, all), config);
    }
}
