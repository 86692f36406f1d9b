package org.therapychat.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathTemplateTest {
    @Test
    void idsBecomeParameterNames() {
        assertThat(PathTemplate.of("/api/therapy-sessions/week-1/actions/sync"))
                .isEqualTo("/api/therapy-sessions/:tsId/actions/sync");
        assertThat(PathTemplate.of("/api/therapy-sessions/week-1/revoke/P123"))
                .isEqualTo("/api/therapy-sessions/:tsId/revoke/:userId");
        assertThat(PathTemplate.of("/admin/therapy-sessions/w/assessments/P1"))
                .isEqualTo("/admin/therapy-sessions/:tsId/assessments/:userId");
        assertThat(PathTemplate.of("/admin/users/P1")).isEqualTo("/admin/users/:userId");
        assertThat(PathTemplate.of("/api/therapy-sessions")).isEqualTo("/api/therapy-sessions");
        assertThat(PathTemplate.of("/healthz")).isEqualTo("/healthz");
    }
}
