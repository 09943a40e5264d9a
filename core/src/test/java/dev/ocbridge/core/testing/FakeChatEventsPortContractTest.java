package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The fake chat's live connection meets the contract that the core's unit tests rely on. */
class FakeChatEventsPortContractTest extends ChatEventsPortContract {
    private final FakeChatPort chat = new FakeChatPort(Clock.systemUTC(), new ChatUser(new UserId("bot"), "bot", true));
    private final List<FakeChatEventsPort> sources = new ArrayList<>();
    private boolean down;

    @Override
    protected ChatPort chat() {
        return chat;
    }

    @Override
    protected ChatEventsPort newSource() {
        FakeChatEventsPort source = new FakeChatEventsPort(chat, Clock.systemUTC());
        if (down) {
            source.goDown();
        }
        sources.add(source);
        return source;
    }

    @Override
    protected ChatUser newPerson(String username) {
        return chat.addUser(username, false);
    }

    @Override
    protected ChannelId directChannelOf(ChatUser person) {
        return chat.directChannelWith(person.id());
    }

    @Override
    protected ChatPost say(ChatUser person, ChannelId channel, String message) {
        return chat.postAs(person, channel, null, message);
    }

    @Override
    protected void goDown() {
        down = true;
        sources.forEach(FakeChatEventsPort::goDown);
    }

    @Override
    protected void comeBack() {
        down = false;
        sources.forEach(FakeChatEventsPort::comeBack);
    }

    @Override
    protected void dropConnection() {
        sources.forEach(FakeChatEventsPort::dropConnection);
    }

    @Override
    protected void loseNextEvent() {
        sources.forEach(FakeChatEventsPort::loseNextEvent);
    }

    @Override
    protected void failReadingPosts(boolean failing) {
        chat.failReadingPosts(failing);
    }
}
