package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.PermissionReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionAnswerTest {

    @ParameterizedTest
    @CsvSource({"yes, ONCE", "Y, ONCE", "allow, ONCE", "  Yes! , ONCE", "always, ALWAYS", "Always., ALWAYS",
            "no, REJECT", "N, REJECT", "deny, REJECT"})
    void theAnswerWordsAllowOnceAlwaysOrRejectWithoutMessage(String text, PermissionReply reply) {
        PermissionAnswer answer = PermissionAnswer.fromText(text);

        assertThat(answer.reply()).isEqualTo(reply);
        assertThat(answer.message()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"use printf instead", "yes please, but only in /tmp", "nope"})
    void anyOtherTextRejectsWithItselfAsTheMessageToTheAgent(String text) {
        PermissionAnswer answer = PermissionAnswer.fromText("  " + text + "\n");

        assertThat(answer.reply()).isEqualTo(PermissionReply.REJECT);
        assertThat(answer.message()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"+1, ONCE", "thumbsup, ONCE", "white_check_mark, ALWAYS", "-1, REJECT", "thumbsdown, REJECT"})
    void theAnswerReactionsAllowOnceAlwaysOrReject(String emoji, PermissionReply reply) {
        assertThat(PermissionAnswer.fromReaction(emoji)).hasValueSatisfying(answer -> {
            assertThat(answer.reply()).isEqualTo(reply);
            assertThat(answer.message()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"smile", "heavy_check_mark", "octagonal_sign", "one"})
    void otherReactionsAnswerNothing(String emoji) {
        assertThat(PermissionAnswer.fromReaction(emoji)).isEmpty();
    }
}
