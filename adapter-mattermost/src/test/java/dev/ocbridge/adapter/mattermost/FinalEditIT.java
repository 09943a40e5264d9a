package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.error.UnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The last edit of a streamed answer survives an outage. */
class FinalEditIT {
    private final MattermostFixture fixture = new MattermostFixture();
    private final RecordingChatEventHandler handler = new RecordingChatEventHandler();
    private final MattermostEventsAdapter events = fixture.connection.events();
    private ChatPost answer;

    @BeforeEach
    void streamAnAnswer() {
        events.start(handler);
        Eventually.await("connected", () -> handler.events(ChatEvent.Connected.class).size() == 1);
        answer = fixture.chat().createPost(NewPost.inChannel(fixture.dmId, "thinking"));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private String storedText() {
        return fixture.emulator.findPost(answer.id().value()).orElseThrow().message();
    }

    /** Everything queued on the delivery thread before now has run once a post made now is delivered. */
    private void awaitDeliveryQueueDrained(String marker) {
        fixture.emulator.post(fixture.alice, fixture.dm.id(), marker);
        Eventually.await("marker delivered", () -> handler.postedMessages().contains(marker));
    }

    @Test
    void anEditThatFailedDuringAnOutageIsSentAfterTheReconnect() {
        fixture.emulator.goDown();

        assertThatThrownBy(() -> fixture.chat().editPost(answer.id(), "the complete answer"))
                .isInstanceOf(UnavailableException.class);
        fixture.emulator.comeBack();

        Eventually.await("final text stored", () -> storedText().equals("the complete answer"));
        Eventually.await("nothing left to send", () -> !((MattermostChatAdapter) fixture.chat()).hasUnsentEdits());
    }

    @Test
    void aNewerEditThatGotThroughIsNotOverwrittenByTheOneThatFailed() {
        fixture.emulator.goDown();
        assertThatThrownBy(() -> fixture.chat().editPost(answer.id(), "older"))
                .isInstanceOf(UnavailableException.class);
        fixture.emulator.comeBack();

        fixture.chat().editPost(answer.id(), "newer");
        Eventually.await("reconnected", () -> handler.events(ChatEvent.Connected.class).size() == 2);
        awaitDeliveryQueueDrained("after the reconnect");

        assertThat(storedText()).isEqualTo("newer");
    }

    @Test
    void aFailedEditOfAPostDeletedMeanwhileIsGivenUp() {
        fixture.emulator.goDown();
        assertThatThrownBy(() -> fixture.chat().editPost(answer.id(), "too late"))
                .isInstanceOf(UnavailableException.class);
        fixture.emulator.comeBack();
        fixture.emulator.delete(fixture.bot, answer.id().value());

        Eventually.await("reconnected", () -> handler.events(ChatEvent.Connected.class).size() == 2);
        awaitDeliveryQueueDrained("after the reconnect");

        assertThat(((MattermostChatAdapter) fixture.chat()).hasUnsentEdits()).isFalse();
        assertThat(fixture.emulator.findPost(answer.id().value()).orElseThrow().message()).isEqualTo("thinking");
    }
}
