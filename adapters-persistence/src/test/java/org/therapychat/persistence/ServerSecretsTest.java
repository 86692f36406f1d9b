package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSecretsTest {
    @Test
    void theFirstSecretStaysForEveryLaterCaller() {
        ServerSecrets secrets = new ServerSecrets(TestDatabases.reset(TestDatabases.h2()));
        byte[] first = secrets.getOrCreate("otp", () -> new byte[] {1, 2, 3});
        byte[] second = secrets.getOrCreate("otp", () -> new byte[] {4, 5, 6});
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);
    }
}
