package org.therapychat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.UserId;

class MentionsTest {
    private static final UserId ANA = UserId.of("P1");
    private static final UserId ANABEL = UserId.of("P2");
    private static final UserId RIVERA = UserId.of("T1");
    private static final UserId ANA_MARIA = UserId.of("P3");
    private static final Map<UserId, String> MEMBERS = Map.of(ANA, "Ana", ANABEL, "Anabel", RIVERA, "Dr. Rivera");

    @Test
    void aMentionIsAtFollowedByTheDisplayName() {
        assertThat(Mentions.in("thanks @Dr. Rivera, that helped", MEMBERS)).containsExactly(RIVERA);
        assertThat(Mentions.in("@Ana", MEMBERS)).containsExactly(ANA);
    }

    @Test
    void namesCompareCaseInsensitively() {
        assertThat(Mentions.in("hi @ana and @DR. RIVERA!", MEMBERS)).containsExactly(ANA, RIVERA);
    }

    @Test
    void aNameFollowedByALetterOrDigitIsNotAMention() {
        assertThat(Mentions.in("@anab is not anyone", Map.of(ANA, "Ana"))).isEmpty();
        assertThat(Mentions.in("@ana2", Map.of(ANA, "Ana"))).isEmpty();
        assertThat(Mentions.in("@anaé", Map.of(ANA, "Ana"))).isEmpty();
        assertThat(Mentions.in("@ana's idea, @ana-", Map.of(ANA, "Ana"))).containsExactly(ANA);
    }

    @Test
    void theLongestDisplayNameWins() {
        assertThat(Mentions.in("@anabel, welcome", MEMBERS)).containsExactly(ANABEL);
        Map<UserId, String> both = Map.of(ANA, "Ana", ANA_MARIA, "Ana Maria");
        assertThat(Mentions.in("@Ana Maria said", both)).containsExactly(ANA_MARIA);
        assertThat(Mentions.in("@Ana Mariah said", both)).containsExactly(ANA);
    }

    @Test
    void eachMemberOnceInOrderOfFirstMention() {
        assertThat(Mentions.in("@Dr. Rivera @ana @Dr. Rivera", MEMBERS)).containsExactly(RIVERA, ANA);
    }

    @Test
    void noAtNoMentionAndAnEmailIsNoMentionOfAStranger() {
        assertThat(Mentions.in("Ana wrote", MEMBERS)).isEmpty();
        assertThat(Mentions.in("mail ana@example.org", MEMBERS)).isEmpty();
        assertThat(Mentions.in("@", MEMBERS)).isEmpty();
    }
}
