package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.testing.FakeChatPort;
import dev.ocbridge.core.testing.InMemoryMappingStore;
import dev.ocbridge.core.testing.ManualScheduler;
import dev.ocbridge.core.testing.MutableClock;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catch-up's retries, on a manual scheduler and clock, and what it does with a failing inbox or an unsaid kind. */
class ChatCatchUpTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeChatPort chat = new FakeChatPort(clock, new ChatUser(new UserId("bot"), "bot", true));
    private final ChatUser alice = chat.addUser("alice", false);
    private final ChannelId dm = chat.directChannelWith(alice.id());
    private final InMemoryMappingStore store = new InMemoryMappingStore();
    private final RecordingInbox inbox = new RecordingInbox(store);
    private final ChatCatchUp catchUp = new ChatCatchUp(chat, store, inbox,
            new SerialQueues(Runnable::run), scheduler,
            Backoff.untilItWorks(Duration.ofSeconds(1), Duration.ofSeconds(4)), clock);

    @BeforeEach
    void startServing() {
        catchUp.start(new QuietSource());
        clock.advance(Duration.ofSeconds(1));
    }

    private ChatPost aliceSays(String message) {
        ChatPost post = chat.postAs(alice, dm, null, message);
        clock.advance(Duration.ofMillis(10));
        return post;
    }

    @Test
    void aCatchUpThatCannotReadTheChannelIsTriedAgainAfterTheBackoffsFirstWait() {
        aliceSays("missed while away");
        chat.failReadingPosts(true);

        catchUp.onChatEvent(new ChatEvent.Connected(true));
        Set<ChannelId> owedAfterTheFailure = inbox.owedChannels();
        chat.failReadingPosts(false);
        scheduler.advance(Duration.ofMillis(999));
        List<String> beforeTheWaitEnded = inbox.messages();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(owedAfterTheFailure).containsExactly(dm);
        assertThat(beforeTheWaitEnded).isEmpty();
        assertThat(inbox.messages()).containsExactly("missed while away");
        assertThat(inbox.owedChannels()).isEmpty();
    }

    @Test
    void eachFailedRetryWaitsLongerUpToTheLongestWait() {
        aliceSays("missed while away");
        chat.failReadingPosts(true);
        catchUp.onChatEvent(new ChatEvent.Connected(true));
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(2));

        chat.failReadingPosts(false);
        scheduler.advance(Duration.ofMillis(3_999));
        List<String> beforeTheWaitEnded = inbox.messages();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(beforeTheWaitEnded).isEmpty();
        assertThat(inbox.messages()).containsExactly("missed while away");
    }

    @Test
    void theInboxHearsOfTheReconnectionOnlyAfterThePostsItMissed() {
        aliceSays("missed while away");

        catchUp.onChatEvent(new ChatEvent.Connected(true));

        assertThat(inbox.events()).containsExactly("missed while away", "Connected");
    }

    @Test
    void aStopCancelsThePendingRetry() {
        aliceSays("missed while away");
        chat.failReadingPosts(true);
        catchUp.onChatEvent(new ChatEvent.Connected(true));

        catchUp.stop();
        chat.failReadingPosts(false);
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(inbox.messages()).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aPostTheInboxFailsOnDoesNotCostThePostsAfterItInTheSameCatchUp() {
        aliceSays("the inbox fails on this one");
        aliceSays("and handles this one");
        inbox.failOn("the inbox fails on this one");

        catchUp.onChatEvent(new ChatEvent.Connected(true));

        assertThat(inbox.messages()).containsExactly("the inbox fails on this one", "and handles this one");
    }

    @Test
    void aPostDeliveredLiveAndReadBackByACatchUpReachesTheInboxOnce() {
        ChatPost post = aliceSays("said once");

        catchUp.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.DIRECT));
        catchUp.onChatEvent(new ChatEvent.EventsMissed("a gap"));

        assertThat(inbox.messages()).containsExactly("said once");
    }

    @Test
    void thePostOfAChannelWhoseKindTheEventDidNotSayGetsTheKindFromTheChat() {
        ChatPost post = aliceSays("kind unknown");

        catchUp.onChatEvent(new ChatEvent.MessagePosted(post, ChannelKind.UNKNOWN));

        assertThat(inbox.posts()).singleElement()
                .satisfies(posted -> assertThat(posted.channelKind()).isEqualTo(ChannelKind.DIRECT));
    }

    /** A source that never says anything: the tests speak for it. */
    private static final class QuietSource implements ChatEventsPort {
        @Override
        public void start(ChatEventHandler handler) {
        }

        @Override
        public void stop() {
        }

        @Override
        public Optional<BridgeException> failure() {
            return Optional.empty();
        }
    }

    /** Handles nothing, so no cursor moves but where a channel starts. */
    private static final class RecordingInbox implements ChatInbox {
        private final InMemoryMappingStore store;
        private final List<ChatEvent> events = new ArrayList<>();
        private final Set<ChannelId> owed = new HashSet<>();
        private final Set<String> failOn = new HashSet<>();

        RecordingInbox(InMemoryMappingStore store) {
            this.store = store;
        }

        void failOn(String message) {
            failOn.add(message);
        }

        @Override
        public void onChatEvent(ChatEvent event) {
            events.add(event);
            if (event instanceof ChatEvent.MessagePosted posted && failOn.contains(posted.post().message())) {
                throw new IllegalStateException("the inbox failed (injected)");
            }
        }

        @Override
        public void startAt(ChannelId channel, ChannelCursor cursor) {
            store.advanceCursor(channel, cursor);
        }

        @Override
        public void catchUpOwed(ChannelId channel) {
            owed.add(channel);
        }

        @Override
        public void caughtUp(ChannelId channel) {
            owed.remove(channel);
        }

        Set<ChannelId> owedChannels() {
            return Set.copyOf(owed);
        }

        List<ChatEvent.MessagePosted> posts() {
            return events.stream().filter(ChatEvent.MessagePosted.class::isInstance)
                    .map(ChatEvent.MessagePosted.class::cast).toList();
        }

        List<String> messages() {
            return posts().stream().map(posted -> posted.post().message()).toList();
        }

        List<String> events() {
            return events.stream().map(event -> event instanceof ChatEvent.MessagePosted posted
                    ? posted.post().message() : event.getClass().getSimpleName()).toList();
        }
    }
}
