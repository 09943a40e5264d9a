package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MattermostEventsAdapterIT {
    private final MattermostFixture fixture = new MattermostFixture();
    private final RecordingChatEventHandler handler = new RecordingChatEventHandler();
    private final MattermostEventsAdapter events = fixture.connection.events();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void startAndAwaitConnected() {
        events.start(handler);
        Eventually.await("connected", () -> !handler.events(ChatEvent.Connected.class).isEmpty());
    }

    @Test
    void authenticatesWithTheChallengeAndReportsTheConnection() {
        startAndAwaitConnected();

        assertThat(handler.events(ChatEvent.Connected.class)).containsExactly(new ChatEvent.Connected(false));
        assertThat(fixture.emulator.authentications()).isEqualTo(1);
        assertThat(events.status()).isEqualTo(MattermostEventsAdapter.Status.CONNECTED);
    }

    @Test
    void deliversAPostFromADirectChannelWithItsKind() {
        startAndAwaitConnected();

        EmulatedPost posted = fixture.emulator.post(fixture.alice, fixture.dm.id(), "hello bot");

        Eventually.await("post delivered", () -> handler.postedMessages().contains("hello bot"));
        ChatEvent.MessagePosted event = handler.events(ChatEvent.MessagePosted.class).get(0);
        assertThat(event.channelKind()).isEqualTo(ChannelKind.DIRECT);
        assertThat(event.post().id()).isEqualTo(new PostId(posted.id()));
        assertThat(event.post().authorId()).isEqualTo(new UserId(fixture.alice.id()));
        assertThat(event.post().createdAt().toEpochMilli()).isEqualTo(posted.createAt());
    }

    @Test
    void deliversTheBotsOwnPostsTooForTheCoreToIgnore() {
        startAndAwaitConnected();

        fixture.chat().createPost(NewPost.inChannel(fixture.dmId, "from the bot"));

        Eventually.await("own post delivered", () -> handler.postedMessages().contains("from the bot"));
        assertThat(handler.events(ChatEvent.MessagePosted.class).get(0).post().authorId())
                .isEqualTo(new UserId(fixture.bot.id()));
    }

    @Test
    void reportsTheKindOfOtherChannels() {
        EmulatedChannel open = fixture.emulator.createChannel("O", "town-square", List.of(fixture.bot, fixture.alice));
        startAndAwaitConnected();

        fixture.emulator.post(fixture.alice, open.id(), "in public");

        Eventually.await("post delivered", () -> handler.postedMessages().contains("in public"));
        assertThat(handler.events(ChatEvent.MessagePosted.class).get(0).channelKind()).isEqualTo(ChannelKind.OPEN);
    }
}
