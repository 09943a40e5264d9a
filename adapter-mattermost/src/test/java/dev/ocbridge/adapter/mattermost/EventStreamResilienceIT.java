package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedReaction;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.testing.FakeMetricsPort;
import dev.ocbridge.core.testing.InMemoryMappingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The event stream across drops, outages, lost events, dead peers, bad frames and refused tokens. */
class EventStreamResilienceIT {
    private static final String CHANNEL_POSTS = "GET /channels/{channel_id}/posts";
    private static final String BOT_CHANNELS = "GET /users/{user_id}/channels";

    private final MattermostFixture fixture = new MattermostFixture();
    private final InMemoryMappingStore store = new InMemoryMappingStore();
    private final RecordingChatEventHandler handler = new RecordingChatEventHandler();
    private final MattermostEventSource events = fixture.connection.events(store, handler);

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void startAndAwaitConnections(int count) {
        events.start();
        awaitConnections(count);
    }

    private void awaitConnections(int count) {
        Eventually.await(count + " Connected event(s)", () -> handler.events(ChatEvent.Connected.class).size() >= count);
    }

    private EmulatedPost aliceSays(String message) {
        return fixture.emulator.post(fixture.alice, fixture.dm.id(), message);
    }

    /** The bridge's clock marks where serving began: a post of the same millisecond could count either way. */
    private static void awaitClockPast(EmulatedPost post) {
        Eventually.await("the clock past post " + post.id(), () -> System.currentTimeMillis() > post.createAt());
    }

    private void awaitMessages(String... messages) {
        Eventually.await("messages " + List.of(messages), () -> handler.postedMessages().containsAll(List.of(messages)));
    }

    @Test
    void postsMadeWhileTheConnectionWasDroppedArriveExactlyOnceInOrder() {
        startAndAwaitConnections(1);
        aliceSays("1");
        awaitMessages("1");

        fixture.emulator.goDown();
        aliceSays("2");
        aliceSays("3");
        fixture.emulator.comeBack();
        awaitConnections(2);
        aliceSays("4");
        awaitMessages("4");

        assertThat(handler.postedMessages()).containsExactly("1", "2", "3", "4");
        assertThat(handler.events(ChatEvent.Disconnected.class)).hasSize(1);
        List<ChatEvent> all = handler.events();
        int reconnected = all.indexOf(new ChatEvent.Connected(true));
        assertThat(all.subList(0, reconnected)).extracting(e -> e instanceof ChatEvent.MessagePosted p
                ? p.post().message() : e.getClass().getSimpleName()).contains("2", "3");
    }

    @Test
    void postsMadeDuringAnOutageSurviveACatchUpThatFailsWhileLivePostsArrive() {
        startAndAwaitConnections(1);
        aliceSays("before");
        awaitMessages("before");
        fixture.emulator.goDown();
        aliceSays("during the outage 1");
        aliceSays("during the outage 2");
        fixture.emulator.failWith(CHANNEL_POSTS, 1_000, 503);
        fixture.emulator.comeBack();
        awaitConnections(2);

        aliceSays("live while the catch-up fails");
        awaitMessages("live while the catch-up fails");
        fixture.emulator.stopRefusing();
        awaitMessages("during the outage 1", "during the outage 2");
        Eventually.await("the channel caught up", () -> !handler.events(ChatEvent.CaughtUp.class).isEmpty());

        assertThat(handler.postedMessages()).containsExactly("before", "live while the catch-up fails",
                "during the outage 1", "during the outage 2");
        assertThat(handler.events()).filteredOn(event -> !(event instanceof ChatEvent.Connected)
                        && !(event instanceof ChatEvent.Disconnected))
                .extracting(event -> event instanceof ChatEvent.MessagePosted posted
                        ? posted.post().message() : event.toString())
                .containsSubsequence("before", new ChatEvent.CatchUpOwed(fixture.dmId).toString(),
                        "live while the catch-up fails", "during the outage 2",
                        new ChatEvent.CaughtUp(fixture.dmId).toString());
        assertThat(handler.events(ChatEvent.CatchUpOwed.class)).hasSize(1);
    }

    @Test
    void aDropDuringAConversationLosesAndDuplicatesNothing() {
        startAndAwaitConnections(1);
        aliceSays("before");
        awaitMessages("before");

        fixture.emulator.dropConnections();
        aliceSays("during 1");
        aliceSays("during 2");
        awaitConnections(2);
        aliceSays("after");
        awaitMessages("after");

        assertThat(handler.postedMessages()).containsExactly("before", "during 1", "during 2", "after");
        assertThat(fixture.emulator.authentications()).isEqualTo(2);
    }

    @Test
    void keepsReconnectingWhileTheServerIsDownAndCatchesUpWhenItIsBack() {
        startAndAwaitConnections(1);
        aliceSays("first");
        awaitMessages("first");

        fixture.emulator.goDown();
        Eventually.await("several failed attempts", () -> events.consecutiveFailures() >= 4);
        aliceSays("while down");
        fixture.emulator.comeBack();
        awaitConnections(2);

        awaitMessages("while down");
        assertThat(handler.postedMessages()).containsExactly("first", "while down");
        assertThat(events.status()).isEqualTo(MattermostEventSource.Status.CONNECTED);
        assertThat(events.consecutiveFailures()).isZero();
    }

    @Test
    void catchesUpAtStartupFromTheStoredCursor() {
        EmulatedPost seen = aliceSays("seen before the restart");
        store.advanceCursor(fixture.dmId, new ChannelCursor(new PostId(seen.id()), Instant.ofEpochMilli(seen.createAt())));
        store.save(new ThreadMapping(new SessionId("ses_1"), new ThreadRef(fixture.dmId, new PostId(seen.id())), null,
                new UserId(fixture.alice.id()), "p", "/tmp", "t", MappingStatus.ACTIVE, Instant.now(), null, null));
        aliceSays("missed 1");
        aliceSays("missed 2");

        startAndAwaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("missed 1", "missed 2");
        assertThat(handler.events().get(handler.events().size() - 1)).isEqualTo(new ChatEvent.Connected(false));
    }

    @Test
    void servesAChannelItWasToldAboutEvenWithoutAMapping() {
        EmulatedPost seen = aliceSays("seen");
        store.advanceCursor(fixture.dmId, new ChannelCursor(new PostId(seen.id()), Instant.ofEpochMilli(seen.createAt())));
        aliceSays("missed");
        events.serveChannel(fixture.dmId);

        startAndAwaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("missed");
    }

    @Test
    void aPostMadeAfterStartButBeforeTheFirstConnectionIsDeliveredAndOlderHistoryIsNot() {
        aliceSays("history from before the bridge");
        events.serveChannel(fixture.dmId);
        fixture.emulator.failWith("GET /websocket", 3, 503);

        events.start();
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
    }

    @Test
    void everyDirectChannelOfTheBotIsServedFromTheStartEvenUnnamed() {
        aliceSays("history from before the bridge");
        fixture.emulator.failWith("GET /websocket", 3, 503);

        events.start();
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
    }

    @Test
    void aChannelWhoseNewestPostIsASystemMessageIsAnchoredThereWithoutReplayingItsHistory() {
        aliceSays("history 1");
        aliceSays("history 2");
        EmulatedPost headerChange = fixture.emulator.changeHeader(fixture.alice, fixture.dm.id(), "back on Monday")
                .orElseThrow();
        fixture.emulator.failWith("GET /websocket", 3, 503);

        events.start();
        Optional<ChannelCursor> anchor = store.cursor(fixture.dmId);
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
        assertThat(anchor).contains(new ChannelCursor(new PostId(headerChange.id()),
                Instant.ofEpochMilli(headerChange.createAt())));
    }

    @Test
    void aDirectChannelOpenedWhileTheConnectionWasDownIsCaughtUpFromTheOutage() {
        startAndAwaitConnections(1);
        aliceSays("before");
        awaitMessages("before");

        fixture.emulator.goDown();
        EmulatedUser bob = fixture.emulator.createUser("bob");
        EmulatedChannel bobsDm = fixture.emulator.directChannel(bob, fixture.bot);
        fixture.emulator.post(bob, bobsDm.id(), "hello, I am new here");
        fixture.emulator.post(bob, bobsDm.id(), "anyone there?");
        fixture.emulator.comeBack();
        awaitConnections(2);

        assertThat(handler.postedMessages()).containsExactly("before", "hello, I am new here", "anyone there?");
        assertThat(handler.events(ChatEvent.MessagePosted.class).get(1).channelKind()).isEqualTo(ChannelKind.DIRECT);
    }

    @Test
    void directChannelsTheServerCouldNotListAtStartAreFoundAtTheFirstConnection() {
        awaitClockPast(aliceSays("history from before the bridge"));
        fixture.emulator.failWith(BOT_CHANNELS, MattermostFixture.FAST.retryAttempts(), 503);
        fixture.emulator.failWith("GET /websocket", 3, 503);

        events.start();
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
        assertThat(events.status()).isEqualTo(MattermostEventSource.Status.CONNECTED);
    }

    @ParameterizedTest(name = "answered {0}")
    @ValueSource(ints = {404, 501})
    void aServerWithoutTheChannelListIsServedWithTheChannelsKnownAndSeenLiveAndSaysSoOnce(int status) {
        if (status == 404) {
            fixture.emulator.removeEndpoint(BOT_CHANNELS);
        } else {
            fixture.emulator.failWith(BOT_CHANNELS, 1_000, status);
        }
        try (LogCapture log = new LogCapture()) {
            startAndAwaitConnections(1);
            aliceSays("seen live");
            awaitMessages("seen live");

            fixture.emulator.goDown();
            aliceSays("during the outage");
            fixture.emulator.comeBack();
            awaitConnections(2);

            assertThat(handler.postedMessages()).containsExactly("seen live", "during the outage");
            assertThat(events.status()).isEqualTo(MattermostEventSource.Status.CONNECTED);
            // A ping missed on a loaded machine can add a connection: count them rather than assume two.
            assertThat(fixture.emulator.requestCount(BOT_CHANNELS)).as("asked once at start and once per connection")
                    .isEqualTo(1 + handler.events(ChatEvent.Connected.class).size());
            assertThat(log.warnings()).filteredOn(line -> line.contains("direct channels")).hasSize(1);
        }
    }

    @Test
    void aChannelWithoutPostsWhenServingBeganIsCaughtUpFromItsBeginning() {
        events.serveChannel(fixture.dmId);
        fixture.emulator.failWith("GET /websocket", 3, 503);

        events.start();
        aliceSays("first words");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("first words");
    }

    @Test
    void aGapInTheSequenceTriggersACatchUp() {
        startAndAwaitConnections(1);
        aliceSays("one");
        awaitMessages("one");

        fixture.emulator.loseNextEvents(1);
        aliceSays("lost on the way");
        aliceSays("three");
        awaitMessages("lost on the way", "three");

        assertThat(handler.postedMessages()).containsExactly("one", "lost on the way", "three");
        assertThat(fixture.emulator.authentications()).isEqualTo(1);
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsGivenUpAndReplaced() {
        startAndAwaitConnections(1);

        fixture.emulator.freezeConnections();
        awaitConnections(2);
        aliceSays("after the dead peer");

        awaitMessages("after the dead peer");
        assertThat(handler.events(ChatEvent.Disconnected.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("ping"));
    }

    @Test
    void ignoresMalformedFramesAndUnknownEventsAndKeepsTheConnection() {
        startAndAwaitConnections(1);

        fixture.emulator.sendRawFrame("this is not json");
        fixture.emulator.sendRawFrame("[1,2,3]");
        fixture.emulator.sendRawFrame("{\"seq_reply\":\"x\"}");
        fixture.emulator.sendEvent("a_future_event", Map.of("anything", List.of(1, 2)));
        fixture.emulator.sendEvent("posted", Map.of("post", "{this is not a post", "channel_type", "D"));
        fixture.emulator.sendEvent("posted", Map.of("post", 42));
        aliceSays("still listening");

        awaitMessages("still listening");
        assertThat(handler.postedMessages()).containsExactly("still listening");
        assertThat(fixture.emulator.authentications()).isEqualTo(1);
        assertThat(handler.events(ChatEvent.Disconnected.class)).isEmpty();
    }

    @Test
    void aBadTokenStopsTheStreamWithAClearErrorAndNoRetries() {
        try (MattermostConnection wrong = MattermostConnection.open(fixture.settings("not-the-token"),
                MattermostFixture.FAST, new FakeMetricsPort())) {
            MattermostEventSource refused = wrong.events(store, handler);

            refused.start();

            Eventually.await("failed", () -> refused.status() == MattermostEventSource.Status.FAILED);
            assertThat(refused.failure()).get().isInstanceOf(UnauthorizedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-token"));
            Eventually.await("disconnected reported", () -> !handler.events(ChatEvent.Disconnected.class).isEmpty());
            assertThat(fixture.emulator.requestCount("GET /websocket")).isZero();
            assertThat(fixture.emulator.requestCount("GET /users/me")).isEqualTo(1);
        }
    }

    @Test
    void aTokenRevokedWhileConnectedStopsTheStreamAtTheNextReconnect() {
        startAndAwaitConnections(1);

        fixture.emulator.revokeToken(fixture.bot);
        fixture.emulator.dropConnections();

        Eventually.await("failed", () -> events.status() == MattermostEventSource.Status.FAILED);
        assertThat(events.failure()).get().isInstanceOf(UnauthorizedException.class);
        assertThat(handler.events(ChatEvent.Connected.class)).hasSize(1);
    }

    @Test
    void reconnectsThroughARateLimitStorm() {
        startAndAwaitConnections(1);

        fixture.emulator.throttle("GET /users/me", 5, 0);
        fixture.emulator.dropConnections();
        awaitConnections(2);
        aliceSays("through the storm");

        awaitMessages("through the storm");
        assertThat(fixture.emulator.requestCount("GET /users/me")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void decodesEditsDeletionsAndReactions() {
        startAndAwaitConnections(1);
        EmulatedPost post = aliceSays("typo");

        fixture.emulator.edit(fixture.alice, post.id(), "fixed");
        EmulatedReaction reaction = fixture.emulator.react(fixture.alice, post.id(), "thumbsup");
        fixture.emulator.unreact(fixture.alice, post.id(), "thumbsup");
        fixture.emulator.delete(fixture.alice, post.id());

        Eventually.await("deletion", () -> !handler.events(ChatEvent.MessageDeleted.class).isEmpty());
        PostId id = new PostId(post.id());
        assertThat(handler.events(ChatEvent.MessageEdited.class)).singleElement()
                .satisfies(e -> assertThat(e.post().message()).isEqualTo("fixed"))
                .satisfies(e -> assertThat(e.post().id()).isEqualTo(id));
        assertThat(handler.events(ChatEvent.ReactionAdded.class)).singleElement()
                .satisfies(e -> assertThat(e.reaction().emojiName()).isEqualTo("thumbsup"))
                .satisfies(e -> assertThat(e.reaction().postId()).isEqualTo(id))
                .satisfies(e -> assertThat(e.reaction().userId()).isEqualTo(new UserId(fixture.alice.id())))
                .satisfies(e -> assertThat(e.reaction().channelId()).isEqualTo(fixture.dmId))
                .satisfies(e -> assertThat(e.reaction().createdAt().toEpochMilli()).isEqualTo(reaction.createAt()));
        assertThat(handler.events(ChatEvent.ReactionRemoved.class)).hasSize(1);
        assertThat(handler.events(ChatEvent.MessageDeleted.class).get(0).post().id()).isEqualTo(id);
    }
}
