package org.therapychat.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The consistency rules on the embedded database: one instance owns the file. */
class MembershipConsistencyH2Test extends MembershipConsistencyTests {
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Override
    RunningApp a() {
        return app;
    }

    @Override
    RunningApp b() {
        return app;
    }
}
