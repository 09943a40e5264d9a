package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedReaction;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.testing.ChatPortContract;
import org.junit.jupiter.api.AfterEach;

import java.util.Set;
import java.util.stream.Collectors;

/** The ChatPort contract, met by the Mattermost adapter against the emulator. */
class MattermostChatPortContractIT extends ChatPortContract {
    private final MattermostFixture fixture = new MattermostFixture();
    private final EmulatedPeople people = new EmulatedPeople(fixture.emulator);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Override
    protected ChatPort chat() {
        return fixture.chat();
    }

    @Override
    protected ChatUser newPerson(String username) {
        return people.add(username);
    }

    @Override
    protected ChatPost postAsPerson(ChatUser author, ChannelId channel, PostId root, String message) {
        EmulatedUser user = people.get(author.id());
        EmulatedPost post = root == null
                ? fixture.emulator.post(user, channel.value(), message)
                : fixture.emulator.reply(user, channel.value(), root.value(), message);
        return fixture.chat().post(new PostId(post.id()));
    }

    /** Typing goes over the websocket, so the event stream must be up. */
    @Override
    protected void connectLive() {
        MattermostEventsAdapter events = fixture.connection.events();
        events.start(new RecordingChatEventHandler());
        Eventually.await("the event stream to connect", () -> events.status() == MattermostEventsAdapter.Status.CONNECTED);
    }

    @Override
    protected boolean workShownIn(ThreadRef thread) {
        return fixture.emulator.typingIn(thread.channel().value()).stream()
                .anyMatch(typed -> typed.userId().equals(fixture.bot.id())
                        && typed.parentId().equals(thread.root().value()));
    }

    @Override
    protected ChatPost postByAutomation(ChatUser onBehalfOf, ChannelId channel, String message) {
        EmulatedUser user = people.get(onBehalfOf.id());
        EmulatedPost post = fixture.emulator.postThroughWebhook(
                fixture.emulator.createIncomingWebhook(user, channel.value(), "Deploys"), message);
        return fixture.chat().post(new PostId(post.id()));
    }

    @Override
    protected Set<String> reactionsOn(PostId post) {
        return fixture.emulator.reactionsOn(post.value()).stream().map(EmulatedReaction::emojiName)
                .collect(Collectors.toSet());
    }

    @Override
    protected void reactAsPerson(ChatUser person, PostId post, String emojiName) {
        fixture.emulator.react(people.get(person.id()), post.value(), emojiName);
    }
}
