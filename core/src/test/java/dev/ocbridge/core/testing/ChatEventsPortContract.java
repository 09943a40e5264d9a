package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.inbox.ChatCatchUp;
import dev.ocbridge.core.inbox.ChatInbox;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every chat adapter's {@link ChatEventsPort} and {@link ChatPort} do together under the core's
 * {@link ChatCatchUp}: every post reaches the inbox once, in order, across dropped connections, outages, lost events,
 * failed reads and restarts, and history from before the bridge is not replayed. Run against the fake and each real
 * adapter: subclass it and say how to make the adapter's source and how to disturb its connection.
 */
public abstract class ChatEventsPortContract {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final InMemoryMappingStore store = new InMemoryMappingStore();
    private final RecordingInbox inbox = new RecordingInbox();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final RealTimeScheduler scheduler = new RealTimeScheduler();
    private final List<ChatCatchUp> started = new ArrayList<>();

    /** The adapter's chat port. */
    protected abstract ChatPort chat();

    /** A new, unstarted event source of the adapter, on the same chat as {@link #chat()}. */
    protected abstract ChatEventsPort newSource();

    /** A person the bot can talk to. */
    protected abstract ChatUser newPerson(String username);

    /** The direct channel between the person and the bot, opened by the person. */
    protected abstract ChannelId directChannelOf(ChatUser person);

    protected abstract ChatPost say(ChatUser person, ChannelId channel, String message);

    /** The live connection drops and cannot be made again until {@link #comeBack()}; the chat's API still answers. */
    protected abstract void goDown();

    protected abstract void comeBack();

    /** The live connection drops; the source makes a new one by itself. */
    protected abstract void dropConnection();

    /** The next event is lost on the way to the source, and the source can tell. */
    protected abstract void loseNextEvent();

    /** While set, reading a channel's posts fails as an unreachable server would. */
    protected abstract void failReadingPosts(boolean failing);

    @AfterEach
    void stopEverything() {
        started.forEach(ChatCatchUp::stop);
        workers.shutdownNow();
        scheduler.close();
    }

    @Test
    void livePostsReachTheInboxOnceEachInOrderAsDirectMessages() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        startServing();

        say(alice, dm, "one");
        say(alice, dm, "two");

        awaitMessages("one", "two");
        assertThat(inbox.messages()).containsExactly("one", "two");
        assertThat(inbox.posts()).extracting(ChatEvent.MessagePosted::channelKind).containsOnly(ChannelKind.DIRECT);
    }

    @Test
    void postsMadeWhileTheConnectionWasDownReachTheInboxOnceEachBeforeItHearsOfTheReconnection() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        startServing();
        say(alice, dm, "before");
        awaitMessages("before");

        goDown();
        say(alice, dm, "during 1");
        say(alice, dm, "during 2");
        comeBack();
        await("the reconnection", () -> inbox.events().contains(new ChatEvent.Connected(true)));
        say(alice, dm, "after");
        awaitMessages("after");

        assertThat(inbox.messages()).containsExactly("before", "during 1", "during 2", "after");
        List<Object> events = inbox.events();
        assertThat(events.subList(0, events.indexOf(new ChatEvent.Connected(true))))
                .extracting(ChatEventsPortContract::describe).contains("during 1", "during 2");
    }

    @Test
    void aDroppedConnectionLosesAndDuplicatesNothing() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        startServing();
        say(alice, dm, "before");
        awaitMessages("before");

        dropConnection();
        say(alice, dm, "meanwhile 1");
        say(alice, dm, "meanwhile 2");
        await("the reconnection", () -> inbox.events().contains(new ChatEvent.Connected(true)));
        say(alice, dm, "after");
        awaitMessages("after");

        assertThat(inbox.messages()).containsExactly("before", "meanwhile 1", "meanwhile 2", "after");
    }

    @Test
    void aPostWhoseEventWasLostIsReadBackBeforeTheNextOne() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        startServing();
        say(alice, dm, "one");
        awaitMessages("one");

        loseNextEvent();
        say(alice, dm, "lost on the way");
        say(alice, dm, "three");
        awaitMessages("three");

        assertThat(inbox.messages()).containsExactly("one", "lost on the way", "three");
    }

    @Test
    void postsMadeWhileTheBridgeWasStoppedReachTheInboxAtTheNextStartAndNothingHandledBeforeDoes() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        ChatCatchUp first = startServing();
        say(alice, dm, "handled before the stop");
        awaitMessages("handled before the stop");
        first.stop();

        say(alice, dm, "missed 1");
        say(alice, dm, "missed 2");
        inbox.clear();
        startServing();

        awaitMessages("missed 1", "missed 2");
        await("the connection", () -> inbox.events().contains(new ChatEvent.Connected(false)));
        assertThat(inbox.messages()).containsExactly("missed 1", "missed 2");
    }

    @Test
    void aChannelServedForTheFirstTimeIsNotReplayedButWhatIsPostedFromThenOnIs() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        awaitClockPast(say(alice, dm, "history from before the bridge"));
        goDown();
        startServing();

        say(alice, dm, "while the bridge was connecting");
        comeBack();

        awaitMessages("while the bridge was connecting");
        assertThat(inbox.messages()).containsExactly("while the bridge was connecting");
    }

    @Test
    void aChannelWithoutPostsWhenServingBeganIsCaughtUpFromItsBeginning() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        goDown();
        startServing();

        say(alice, dm, "first words");
        comeBack();

        awaitMessages("first words");
        assertThat(inbox.messages()).containsExactly("first words");
    }

    @Test
    void aDirectChannelOpenedWhileTheConnectionWasDownIsCaughtUp() {
        ChatUser alice = newPerson("alice");
        ChannelId aliceDm = directChannelOf(alice);
        startServing();
        say(alice, aliceDm, "before");
        awaitMessages("before");

        goDown();
        ChatUser bob = newPerson("bob");
        ChannelId bobsDm = directChannelOf(bob);
        say(bob, bobsDm, "hello, I am new here");
        say(bob, bobsDm, "anyone there?");
        comeBack();

        awaitMessages("hello, I am new here", "anyone there?");
        assertThat(inbox.messages()).containsExactly("before", "hello, I am new here", "anyone there?");
        assertThat(inbox.posts().get(1).channelKind()).isEqualTo(ChannelKind.DIRECT);
    }

    @Test
    void aCatchUpThatCannotReadTheChannelHoldsItsCursorAndIsTriedAgainUntilItWorks() {
        ChatUser alice = newPerson("alice");
        ChannelId dm = directChannelOf(alice);
        startServing();
        say(alice, dm, "before");
        awaitMessages("before");

        goDown();
        say(alice, dm, "during the outage");
        failReadingPosts(true);
        comeBack();
        await("the catch-up owed", () -> inbox.events().contains(new Owed(dm)));
        say(alice, dm, "live while the catch-up fails");
        awaitMessages("live while the catch-up fails");
        failReadingPosts(false);

        await("the channel caught up", () -> inbox.events().contains(new CaughtUp(dm)));
        assertThat(inbox.messages()).containsExactly("before", "live while the catch-up fails", "during the outage");
        assertThat(inbox.events()).extracting(ChatEventsPortContract::describe)
                .containsSubsequence("before", "owed " + dm, "live while the catch-up fails", "during the outage",
                        "caught up " + dm);
    }

    private ChatCatchUp startServing() {
        ChatCatchUp catchUp = new ChatCatchUp(chat(), store, inbox, new SerialQueues(workers), scheduler,
                Backoff.untilItWorks(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC());
        started.add(catchUp);
        catchUp.start(newSource());
        return catchUp;
    }

    private void awaitMessages(String... messages) {
        await("messages " + List.of(messages), () -> inbox.messages().containsAll(List.of(messages)));
    }

    /** Where serving begins is taken from the clock: a post of the same millisecond could count either way. */
    private static void awaitClockPast(ChatPost post) {
        await("the clock past " + post.createdAt(), () -> Clock.systemUTC().millis() > post.createdAt().toEpochMilli());
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    private static String describe(Object event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            return posted.post().message();
        }
        if (event instanceof Owed owed) {
            return "owed " + owed.channel();
        }
        if (event instanceof CaughtUp caughtUp) {
            return "caught up " + caughtUp.channel();
        }
        return event.getClass().getSimpleName();
    }

    private record Owed(ChannelId channel) {
    }

    private record CaughtUp(ChannelId channel) {
    }

    /**
     * Handles every post at once, so the cursor moves over each, but holds a channel's cursor while it is owed a
     * catch-up: what the real inbox does with posts it handles as they come.
     */
    private final class RecordingInbox implements ChatInbox {
        private final List<Object> events = new ArrayList<>();
        private final Set<ChannelId> owed = new HashSet<>();

        @Override
        public synchronized void onChatEvent(ChatEvent event) {
            events.add(event);
            if (event instanceof ChatEvent.MessagePosted posted && !owed.contains(posted.post().channelId())) {
                store.advanceCursor(posted.post().channelId(),
                        new ChannelCursor(posted.post().id(), posted.post().createdAt()));
            }
        }

        @Override
        public void startAt(ChannelId channel, ChannelCursor cursor) {
            if (store.cursor(channel).isEmpty()) {
                store.advanceCursor(channel, cursor);
            }
        }

        @Override
        public synchronized void catchUpOwed(ChannelId channel) {
            events.add(new Owed(channel));
            owed.add(channel);
        }

        @Override
        public synchronized void caughtUp(ChannelId channel) {
            events.add(new CaughtUp(channel));
            owed.remove(channel);
        }

        synchronized List<Object> events() {
            return List.copyOf(events);
        }

        synchronized void clear() {
            events.clear();
        }

        List<ChatEvent.MessagePosted> posts() {
            return events().stream().filter(ChatEvent.MessagePosted.class::isInstance)
                    .map(ChatEvent.MessagePosted.class::cast).toList();
        }

        List<String> messages() {
            return posts().stream().map(posted -> posted.post().message()).toList();
        }
    }
}
