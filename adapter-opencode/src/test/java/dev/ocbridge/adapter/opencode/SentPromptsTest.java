package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentPromptsTest {
    /** A time whose ids the reference captures show: 1795263492967 ms is {@code msg_1fe0af367…}. */
    private static final Instant NOW = Instant.ofEpochMilli(1795263492967L);
    private static final SessionId SESSION = new SessionId("ses_1");

    private final MutableClock clock = new MutableClock(NOW);
    private final SentPrompts sent = new SentPrompts(clock);

    @Test
    void anIdIsMadeAsTheServerMakesItsOwn() {
        String id = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(id).matches("msg_1fe0af367000[0-9A-Za-z]{14}");
    }

    @Test
    void idsMadeInTheSameMillisecondStillAscend() {
        String first = sent.messageIdFor(SESSION, PromptId.fresh());
        String second = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(second.substring(0, 16)).isGreaterThan(first.substring(0, 16));
    }

    @Test
    void anIdIsNeverBehindTheNewestMessageTheServerReported() {
        String later = "msg_1fe0b0000123abcdefghijklmn";
        sent.after(updated(assistant(later, null, NOW.minusSeconds(5))));

        String id = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(id.substring(0, 16)).isGreaterThan(later.substring(0, 16));
    }

    @Test
    void anIdFollowsTheServersClockWhenItIsAhead() {
        sent.after(updated(assistant("msg_000000000001abcdefghijklmn", null, NOW.plusSeconds(60))));

        String id = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(id).startsWith(idPrefixAt(NOW.plusSeconds(60)));
    }

    @Test
    void aStaleReadingOfTheServersClockIsForgotten() {
        sent.after(updated(assistant("msg_000000000001abcdefghijklmn", null, NOW.plusSeconds(60))));
        clock.advance(Duration.ofMinutes(11));

        String id = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(id).startsWith(idPrefixAt(NOW.plus(Duration.ofMinutes(11))));
    }

    @Test
    void anAnswerToAPromptStartsItAndEveryPromptThatWaitedBeforeIt() {
        PromptId first = PromptId.fresh();
        PromptId second = PromptId.fresh();
        PromptId third = PromptId.fresh();
        sent.messageIdFor(SESSION, first);
        String secondId = sent.messageIdFor(SESSION, second);
        sent.messageIdFor(SESSION, third);

        List<SessionEvent> events = sent.after(updated(assistant("msg_ffffffffffffanswer00000000", secondId, NOW)));

        assertThat(events).containsExactly(new SessionEvent.PromptStarted(SESSION, first),
                new SessionEvent.PromptStarted(SESSION, second));
        assertThat(sent.after(updated(assistant("msg_ffffffffffffanswer00000000", secondId, NOW)))).isEmpty();
    }

    @Test
    void anAnswerInAnotherSessionStartsNothingHere() {
        String id = sent.messageIdFor(SESSION, PromptId.fresh());

        assertThat(sent.after(updated(new MessageInfo(new MessageId("msg_ffffffffffffanswer00000000"),
                new SessionId("ses_2"), MessageRole.ASSISTANT, null, null, 0, null, NOW, null, new MessageId(id), null))))
                .isEmpty();
    }

    @Test
    void aPromptThatNeverStartedIsForgottenWhenTheSessionIsIdle() {
        String id = sent.messageIdFor(SESSION, PromptId.fresh());
        sent.after(new SessionEvent.SessionIdle(SESSION));

        assertThat(sent.after(updated(assistant("msg_ffffffffffffanswer00000000", id, NOW)))).isEmpty();
    }

    @Test
    void aRefusedPromptNeverStarts() {
        String id = sent.messageIdFor(SESSION, PromptId.fresh());
        sent.refused(SESSION, id);

        assertThat(sent.after(updated(assistant("msg_ffffffffffffanswer00000000", id, NOW)))).isEmpty();
    }

    /** The server's ids hold the low 48 bits of the time in milliseconds times 4096. */
    private static String idPrefixAt(Instant time) {
        return "msg_" + String.format("%012x", Math.floorMod(time.toEpochMilli() * 0x1000L, 1L << 48));
    }

    private static SessionEvent.MessageUpdated updated(MessageInfo message) {
        return new SessionEvent.MessageUpdated(message);
    }

    private static MessageInfo assistant(String id, String parent, Instant created) {
        return new MessageInfo(new MessageId(id), SESSION, MessageRole.ASSISTANT, null, null, 0, null, created, null,
                parent == null ? null : new MessageId(parent), null);
    }
}
