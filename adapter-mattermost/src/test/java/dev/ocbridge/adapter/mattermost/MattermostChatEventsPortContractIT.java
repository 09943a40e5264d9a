package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.testing.ChatEventsPortContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The Mattermost websocket and REST API, against the emulator, meet the core's event source contract. */
class MattermostChatEventsPortContractIT extends ChatEventsPortContract {
    private static final String WEBSOCKET = "GET /websocket";
    private static final String CHANNEL_POSTS = "GET /channels/{channel_id}/posts";
    private static final int FOREVER = 1_000_000;

    private final MattermostFixture fixture = new MattermostFixture();
    private final EmulatedPeople people = new EmulatedPeople(fixture.emulator);
    /** Every source needs a connection of its own: the first is the fixture's, the others are closed here. */
    private final List<MattermostConnection> laterConnections = new ArrayList<>();
    private boolean firstSourceMade;

    @AfterEach
    void tearDown() {
        laterConnections.forEach(MattermostConnection::close);
        fixture.close();
    }

    @Override
    protected ChatPort chat() {
        return fixture.chat();
    }

    @Override
    protected ChatEventsPort newSource() {
        if (!firstSourceMade) {
            firstSourceMade = true;
            return fixture.connection.events();
        }
        MattermostConnection connection = MattermostConnection.open(fixture.settings(fixture.bot.token()),
                MattermostFixture.FAST, fixture.metrics);
        laterConnections.add(connection);
        return connection.events();
    }

    @Override
    protected ChatUser newPerson(String username) {
        return people.add(username);
    }

    @Override
    protected ChannelId directChannelOf(ChatUser person) {
        return new ChannelId(fixture.emulator.directChannel(people.get(person.id()), fixture.bot).id());
    }

    @Override
    protected ChatPost say(ChatUser person, ChannelId channel, String message) {
        String id = fixture.emulator.post(people.get(person.id()), channel.value(), message).id();
        return fixture.chat().post(new PostId(id));
    }

    @Override
    protected void goDown() {
        fixture.emulator.failWith(WEBSOCKET, FOREVER, 503);
        fixture.emulator.dropConnections();
    }

    @Override
    protected void comeBack() {
        fixture.emulator.stopRefusing(WEBSOCKET);
    }

    @Override
    protected void dropConnection() {
        fixture.emulator.dropConnections();
    }

    @Override
    protected void loseNextEvent() {
        fixture.emulator.loseNextEvents(1);
    }

    @Override
    protected void failReadingPosts(boolean failing) {
        if (failing) {
            fixture.emulator.failWith(CHANNEL_POSTS, FOREVER, 503);
        } else {
            fixture.emulator.stopRefusing(CHANNEL_POSTS);
        }
    }
}
