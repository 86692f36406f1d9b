package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlainTextTest {
    @Test
    void aLineRefusesControlsAndBidiOverridesButKeepsEveryScriptAndEmoji() {
        for (char c : new char[] {0, 1, '\t', '\n', '\r', 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0x202a, 0x202e, 0x2066, 0x2069}) {
            assertThat(PlainText.notALine("a" + c + "b")).as("U+%04X", (int) c).isPresent();
        }
        assertThat(PlainText.notALine("Ana María Núñez-Ō'Brien 😀 עברית العربية 中文")).isEmpty();
        assertThat(PlainText.notALine("\ud83d")).contains("must be valid Unicode text");
        assertThatThrownBy(() -> PlainText.requireLine("Ana\u202e", "displayName"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("displayName must not contain")
                .hasMessageContaining("U+202E");
    }

    @Test
    void storableTextMayHoldLineBreaksButNoNulNorHalfASurrogatePair() {
        assertThat(PlainText.unstorable("two\nlines\ttabbed 😀")).isEmpty();
        assertThat(PlainText.unstorable("a\u0000")).contains("must not contain NUL characters");
        assertThat(PlainText.unstorable("a\udc00")).contains("must be valid Unicode text");
    }

    @Test
    void textStoredBeforeTheRuleReadsWithReplacementCharactersWhereTheRefusedOnesWere() {
        assertThat(PlainText.replacingWhatALineRefuses("A\u0000n\u202ea 😀\ud800")).isEqualTo("A\uFFFDn\uFFFDa 😀\uFFFD");
        assertThat(PlainText.replacingWhatALineRefuses("Ana")).isEqualTo("Ana");
    }
}
