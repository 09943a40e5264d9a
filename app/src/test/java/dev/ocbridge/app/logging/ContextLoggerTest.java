package dev.ocbridge.app.logging;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContextLoggerTest {
    private static final SessionId SESSION = new SessionId("ses_1");
    private static final ThreadRef THREAD = new ThreadRef(new ChannelId("dm1"), new PostId("root1"));

    @Test
    void aLineNamingASessionAndAThreadCarriesBothAsFields() {
        assertThat(ContextLogger.context(new Object[] {SESSION, THREAD, "text"})).isEqualTo(Map.of(
                "sessionId", "ses_1", "threadId", "root1", "channelId", "dm1"));
    }

    @Test
    void aLineNamingNeitherCarriesNoFields() {
        assertThat(ContextLogger.context(new Object[] {"text", 3})).isEmpty();
        assertThat(ContextLogger.context(null)).isEmpty();
    }

    @Test
    void placeholdersAreFilledAsSystemLoggerSpecifiesAndAThreadReadsAsItsRootPost() {
        assertThat(ContextLogger.format("Session {0} ended; thread {1} closed", new Object[] {SESSION, THREAD}))
                .isEqualTo("Session ses_1 ended; thread root1 closed");
    }

    @Test
    void aPatternMessageFormatCannotReadIsShownWithItsArguments() {
        assertThat(ContextLogger.format("broken {x", new Object[] {"a"})).isEqualTo("broken {x [a]");
    }
}
