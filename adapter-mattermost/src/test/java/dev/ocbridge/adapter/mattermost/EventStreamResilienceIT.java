package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedReaction;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.core.domain.Backoff;
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
import dev.ocbridge.core.inbox.ChatCatchUp;
import dev.ocbridge.core.testing.FakeMetricsPort;
import dev.ocbridge.core.testing.InMemoryMappingStore;
import dev.ocbridge.core.testing.RealTimeScheduler;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream across outages, dead peers, bad frames and refused tokens, and what Mattermost itself adds to the
 * core's catch-up (system messages, channel lists it may not have). What every chat adapter must do across drops,
 * lost events, failed reads and restarts is in {@link MattermostChatEventsPortContractIT}.
 */
class EventStreamResilienceIT {
    private static final String BOT_CHANNELS = "GET /users/{user_id}/channels";

    private final MattermostFixture fixture = new MattermostFixture();
    private final InMemoryMappingStore store = new InMemoryMappingStore();
    private final RecordingChatEventHandler handler = new RecordingChatEventHandler(store);
    private final MattermostEventsAdapter events = fixture.connection.events();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final RealTimeScheduler scheduler = new RealTimeScheduler();
    private final ChatCatchUp catchUp = new ChatCatchUp(fixture.chat(), store, handler, new SerialQueues(workers),
            scheduler, Backoff.untilItWorks(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC());

    @AfterEach
    void tearDown() {
        catchUp.stop();
        fixture.close();
        workers.shutdownNow();
        scheduler.close();
    }

    /** The source under the core's catch-up, as the bridge runs it. */
    private void startAndAwaitConnections(int count) {
        catchUp.start(events);
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
        assertThat(events.status()).isEqualTo(MattermostEventsAdapter.Status.CONNECTED);
        assertThat(events.consecutiveFailures()).isZero();
    }

    @Test
    void servesAChannelItWasToldAboutEvenWithoutAMappingOnAServerThatCannotListIt() {
        fixture.emulator.removeEndpoint(BOT_CHANNELS);
        EmulatedPost seen = aliceSays("seen");
        store.advanceCursor(fixture.dmId, new ChannelCursor(new PostId(seen.id()), Instant.ofEpochMilli(seen.createAt())));
        aliceSays("missed");
        catchUp.serve(fixture.dmId);

        startAndAwaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("missed");
    }

    @Test
    void everyDirectChannelOfTheBotIsServedFromTheStartEvenUnnamed() {
        aliceSays("history from before the bridge");
        fixture.emulator.failWith("GET /websocket", 3, 503);

        catchUp.start(events);
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

        catchUp.start(events);
        Optional<ChannelCursor> anchor = store.cursor(fixture.dmId);
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
        assertThat(anchor).contains(new ChannelCursor(new PostId(headerChange.id()),
                Instant.ofEpochMilli(headerChange.createAt())));
    }

    @Test
    void directChannelsTheServerCouldNotListAtStartAreFoundAtTheFirstConnection() {
        awaitClockPast(aliceSays("history from before the bridge"));
        fixture.emulator.failWith(BOT_CHANNELS, MattermostFixture.FAST.retryAttempts(), 503);
        fixture.emulator.failWith("GET /websocket", 3, 503);

        catchUp.start(events);
        aliceSays("while the bridge was connecting");
        awaitConnections(1);

        assertThat(handler.postedMessages()).containsExactly("while the bridge was connecting");
        assertThat(events.status()).isEqualTo(MattermostEventsAdapter.Status.CONNECTED);
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
            assertThat(events.status()).isEqualTo(MattermostEventsAdapter.Status.CONNECTED);
            // A ping missed on a loaded machine can add a connection: count them rather than assume two.
            assertThat(fixture.emulator.requestCount(BOT_CHANNELS)).as("asked once at start and once per connection")
                    .isEqualTo(1 + handler.events(ChatEvent.Connected.class).size());
            assertThat(log.warnings()).filteredOn(line -> line.contains("direct channels")).hasSize(1);
        }
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
            MattermostEventsAdapter refused = wrong.events();

            refused.start(handler);

            Eventually.await("failed", () -> refused.status() == MattermostEventsAdapter.Status.FAILED);
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

        Eventually.await("failed", () -> events.status() == MattermostEventsAdapter.Status.FAILED);
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
