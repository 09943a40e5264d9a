package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.MappingStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MappingStore} does, run against the in-memory fake and each real store: subclass it and
 * say how to make a fresh, empty store.
 */
public abstract class MappingStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-21T10:15:30.123456789Z");

    private MappingStore store;

    /** A new store holding nothing yet. */
    protected abstract MappingStore newStore();

    /** Makes the store's writes fail from now on, as a full disk or a read-only directory would, or work again. */
    protected abstract void writesFail(boolean failing);

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** A complete active mapping; {@code n} keeps ids of different mappings apart. */
    public static ThreadMapping mapping(int n) {
        return new ThreadMapping(new SessionId("ses_contract" + n),
                new ThreadRef(new ChannelId("dm" + n), new PostId("root" + n)), "short" + n,
                new UserId("user" + n), "project" + n, "/work/project" + n, "Title " + n,
                MappingStatus.ACTIVE, T0.plusSeconds(n), T0.plusSeconds(n + 60L), null);
    }

    @Test
    void aNewStoreHoldsNoMappings() {
        assertThat(store.mappings()).isEmpty();
    }

    @Test
    void aSavedMappingIsFoundByItsSession() {
        ThreadMapping mapping = mapping(1);

        store.save(mapping);

        assertThat(store.findBySession(mapping.sessionId())).contains(mapping);
    }

    @Test
    void aSavedMappingIsFoundByItsThreadRoot() {
        ThreadMapping mapping = mapping(1);

        store.save(mapping);

        assertThat(store.findByThreadRoot(new PostId("root1"))).contains(mapping);
    }

    @Test
    void anUnknownSessionIsNotFound() {
        store.save(mapping(1));

        assertThat(store.findBySession(new SessionId("ses_unknown"))).isEmpty();
    }

    @Test
    void anUnknownThreadRootIsNotFound() {
        store.save(mapping(1));

        assertThat(store.findByThreadRoot(new PostId("root-unknown"))).isEmpty();
    }

    @Test
    void mappingsListsEverySavedMapping() {
        store.save(mapping(1));
        store.save(mapping(2));
        store.save(mapping(3));

        assertThat(store.mappings()).containsExactlyInAnyOrder(mapping(1), mapping(2), mapping(3));
    }

    @Test
    void savingTheSameSessionAgainReplacesItsMapping() {
        store.save(mapping(1));
        ThreadMapping renamed = mapping(1).titled("Renamed");

        store.save(renamed);

        assertThat(store.mappings()).containsExactly(renamed);
    }

    @Test
    void anEndedMappingKeepsItsStatusAndEndTime() {
        ThreadMapping ended = mapping(1).endedAt(T0.plusSeconds(3600));

        store.save(ended);

        assertThat(store.findBySession(ended.sessionId())).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(MappingStatus.ENDED);
            assertThat(found.endedAt()).isEqualTo(T0.plusSeconds(3600));
        });
    }

    @Test
    void emptyOptionalTextsAreKept() {
        ThreadMapping sparse = new ThreadMapping(new SessionId("ses_sparse"),
                new ThreadRef(new ChannelId("dm"), new PostId("root")), null, new UserId("user"),
                null, null, null, MappingStatus.ACTIVE, T0, null, null);

        store.save(sparse);

        assertThat(store.findBySession(sparse.sessionId())).contains(sparse);
    }

    @Test
    void aListOfMappingsDoesNotChangeWithLaterSaves() {
        store.save(mapping(1));
        List<ThreadMapping> before = store.mappings();

        store.save(mapping(2));

        assertThat(before).containsExactly(mapping(1));
    }

    @Test
    void aChannelWithoutCursorHasNone() {
        assertThat(store.cursor(new ChannelId("dm1"))).isEmpty();
    }

    @Test
    void anAdvancedCursorIsStored() {
        ChannelCursor cursor = new ChannelCursor(new PostId("p1"), T0);

        store.advanceCursor(new ChannelId("dm1"), cursor);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(cursor);
    }

    @Test
    void aCursorWithoutAPostIsReplacedByOneAtAPostOfTheSameTime() {
        store.advanceCursor(new ChannelId("dm1"), ChannelCursor.startingAt(T0));
        ChannelCursor atPost = new ChannelCursor(new PostId("p1"), T0);

        store.advanceCursor(new ChannelId("dm1"), atPost);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(atPost);
    }

    @Test
    void aNewerCursorReplacesTheStoredOne() {
        store.advanceCursor(new ChannelId("dm1"), new ChannelCursor(new PostId("p1"), T0));
        ChannelCursor newer = new ChannelCursor(new PostId("p2"), T0.plusMillis(1));

        store.advanceCursor(new ChannelId("dm1"), newer);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(newer);
    }

    @Test
    void aCursorAtTheSameTimeWithMorePostsHandledAfterItReplacesTheStoredOne() {
        store.advanceCursor(new ChannelId("dm1"), new ChannelCursor(new PostId("p1"), T0));
        ChannelCursor more = new ChannelCursor(new PostId("p1"), T0, Map.of(new PostId("p3"), T0.plusMillis(1)));

        store.advanceCursor(new ChannelId("dm1"), more);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(more);
    }

    @Test
    void anOlderCursorIsIgnored() {
        ChannelCursor stored = new ChannelCursor(new PostId("p2"), T0);
        store.advanceCursor(new ChannelId("dm1"), stored);

        store.advanceCursor(new ChannelId("dm1"), new ChannelCursor(new PostId("p1"), T0.minusMillis(1)));

        assertThat(store.cursor(new ChannelId("dm1"))).contains(stored);
    }

    @Test
    void cursorsOfDifferentChannelsAreKeptApart() {
        ChannelCursor first = new ChannelCursor(new PostId("p1"), T0);
        ChannelCursor second = new ChannelCursor(new PostId("p2"), T0.minusSeconds(60));

        store.advanceCursor(new ChannelId("dm1"), first);
        store.advanceCursor(new ChannelId("dm2"), second);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(first);
        assertThat(store.cursor(new ChannelId("dm2"))).contains(second);
    }

    /** The post of an open request; {@code n} keeps ids apart. */
    public static RequestPost requestPost(RequestKind kind, int n) {
        return new RequestPost(new RequestKey(kind, (kind == RequestKind.PERMISSION ? "per_" : "que_") + n),
                new SessionId("ses_contract" + n), new ThreadRef(new ChannelId("dm" + n), new PostId("root" + n)),
                new PostId("request" + n), List.of(), T0.plusSeconds(n));
    }

    @Test
    void aNewStoreHoldsNoRequestPosts() {
        assertThat(store.requestPosts()).isEmpty();
    }

    @Test
    void aSavedRequestPostIsFoundByItsKeyWithEverythingItHolds() {
        RequestPost partlyAnswered = requestPost(RequestKind.QUESTION, 1)
                .withAnswer(List.of("Red", "Blue"), T0.plusSeconds(30))
                .withAnswer(List.of("my own words"), T0.plusSeconds(40));

        store.saveRequestPost(partlyAnswered);

        assertThat(store.requestPost(partlyAnswered.key())).contains(partlyAnswered);
        assertThat(store.requestPosts()).containsExactly(partlyAnswered);
    }

    @Test
    void savingARequestPostAgainReplacesIt() {
        RequestPost asked = requestPost(RequestKind.QUESTION, 1);
        store.saveRequestPost(asked);
        RequestPost answered = asked.withAnswer(List.of("Blue"), T0.plusSeconds(60));

        store.saveRequestPost(answered);

        assertThat(store.requestPosts()).containsExactly(answered);
    }

    @Test
    void aPermissionAndAQuestionWithTheSameIdAreKeptApart() {
        RequestPost permission = new RequestPost(new RequestKey(RequestKind.PERMISSION, "same"),
                new SessionId("ses_1"), new ThreadRef(new ChannelId("dm"), new PostId("root")), new PostId("p1"),
                List.of(), T0);
        RequestPost question = new RequestPost(new RequestKey(RequestKind.QUESTION, "same"),
                new SessionId("ses_1"), new ThreadRef(new ChannelId("dm"), new PostId("root")), new PostId("p2"),
                List.of(), T0);

        store.saveRequestPost(permission);
        store.saveRequestPost(question);

        assertThat(store.requestPost(permission.key())).contains(permission);
        assertThat(store.requestPost(question.key())).contains(question);
    }

    @Test
    void requestPostsAreListedInTheOrderFirstSaved() {
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 2));
        store.saveRequestPost(requestPost(RequestKind.QUESTION, 1));
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 3));
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 2).withAnswer(List.of("x"), T0));

        assertThat(store.requestPosts()).extracting(post -> post.key().id()).containsExactly("per_2", "que_1", "per_3");
    }

    @Test
    void aRemovedRequestPostIsGoneAndTheOthersStay() {
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 1));
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 2));

        store.removeRequestPost(requestPost(RequestKind.PERMISSION, 1).key());

        assertThat(store.requestPost(requestPost(RequestKind.PERMISSION, 1).key())).isEmpty();
        assertThat(store.requestPosts()).containsExactly(requestPost(RequestKind.PERMISSION, 2));
    }

    @Test
    void removingARequestPostThatIsNotThereChangesNothing() {
        store.saveRequestPost(requestPost(RequestKind.PERMISSION, 1));

        store.removeRequestPost(new RequestKey(RequestKind.PERMISSION, "per_unknown"));

        assertThat(store.requestPosts()).containsExactly(requestPost(RequestKind.PERMISSION, 1));
    }

    @Test
    void aMappingThatCannotBeWrittenStillHoldsAndSavingItDoesNotThrow() {
        writesFail(true);

        store.save(mapping(1));

        assertThat(store.findBySession(mapping(1).sessionId())).contains(mapping(1));
        assertThat(store.findByThreadRoot(new PostId("root1"))).contains(mapping(1));
    }

    @Test
    void aCursorThatCannotBeWrittenStillHolds() {
        writesFail(true);
        ChannelCursor cursor = new ChannelCursor(new PostId("p1"), T0);

        store.advanceCursor(new ChannelId("dm1"), cursor);

        assertThat(store.cursor(new ChannelId("dm1"))).contains(cursor);
    }

    @Test
    void changesHeldWhileWritesFailAreKeptOnceWritesWorkAgain() {
        writesFail(true);
        store.save(mapping(1));
        store.advanceCursor(new ChannelId("dm1"), new ChannelCursor(new PostId("p1"), T0));
        writesFail(false);

        store.save(mapping(2));

        assertThat(store.mappings()).containsExactlyInAnyOrder(mapping(1), mapping(2));
        assertThat(store.cursor(new ChannelId("dm1"))).contains(new ChannelCursor(new PostId("p1"), T0));
    }

    @Test
    void aStoreWhoseWritesWorkDoesNotSayTheyFail() {
        store.save(mapping(1));

        assertThat(store.writesFailing()).isFalse();
    }

    @Test
    void aStoreSaysItsWritesFailUntilOneSucceedsAgain() {
        writesFail(true);
        store.save(mapping(1));
        assertThat(store.writesFailing()).isTrue();
        writesFail(false);

        store.save(mapping(2));

        assertThat(store.writesFailing()).isFalse();
    }

    @Test
    void savesFromSeveralThreadsAtOnceAreAllKept() throws Exception {
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                done.add(pool.submit(() -> IntStream.range(first, first + perThread)
                        .forEach(n -> store.save(mapping(n)))));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.mappings()).hasSize(threads * perThread);
        assertThat(store.findBySession(mapping(threads * perThread - 1).sessionId())).isPresent();
    }

    @Test
    void nothingIsChosenForASessionOrUserAtFirst() {
        assertThat(store.sessionChoices(new SessionId("ses_contract1"))).isEmpty();
        assertThat(store.mainDmChoices(new UserId("user1"))).isEmpty();
    }

    @Test
    void choicesForASessionAreKeptAndReplaced() {
        SessionId session = new SessionId("ses_contract1");
        store.saveSessionChoices(session, new PromptChoices(new ModelRef("fake", "fake-model-2"), null));
        store.saveSessionChoices(session, new PromptChoices(new ModelRef("other", "org/model:free"), "plan"));

        assertThat(store.sessionChoices(session))
                .contains(new PromptChoices(new ModelRef("other", "org/model:free"), "plan"));
        assertThat(store.sessionChoices(new SessionId("ses_contract2"))).isEmpty();
    }

    @Test
    void mainDmChoicesAreKeptPerUser() {
        store.saveMainDmChoices(new UserId("user1"), new PromptChoices(null, "plan"));
        store.saveMainDmChoices(new UserId("user2"), new PromptChoices(new ModelRef("fake", "fake-model"), null));

        assertThat(store.mainDmChoices(new UserId("user1"))).contains(new PromptChoices(null, "plan"));
        assertThat(store.mainDmChoices(new UserId("user2")))
                .contains(new PromptChoices(new ModelRef("fake", "fake-model"), null));
    }

    @Test
    void savingNoChoicesRemovesThem() {
        SessionId session = new SessionId("ses_contract1");
        store.saveSessionChoices(session, new PromptChoices(null, "plan"));
        store.saveMainDmChoices(new UserId("user1"), new PromptChoices(null, "plan"));

        store.saveSessionChoices(session, PromptChoices.NONE);
        store.saveMainDmChoices(new UserId("user1"), PromptChoices.NONE);

        assertThat(store.sessionChoices(session)).isEmpty();
        assertThat(store.mainDmChoices(new UserId("user1"))).isEmpty();
    }

    @Test
    void choicesDoNotDisturbMappingsOrCursors() {
        ThreadMapping mapping = mapping(1);
        store.save(mapping);
        store.saveSessionChoices(mapping.sessionId(), new PromptChoices(null, "plan"));

        assertThat(store.mappings()).containsExactly(mapping);
    }

    /** What chat shows of an answer of session {@code n}: two parts, one of them partly, and the working line. */
    public static DeliveredAnswer deliveredAnswer(int n) {
        return new DeliveredAnswer(new SessionId("ses_contract" + n),
                Map.of(new PartId("prt_a" + n), 1200, new PartId("prt_b" + n), 37), new PostId("answer" + n),
                ":hourglass_flowing_sand: _Working…_");
    }

    @Test
    void aSavedDeliveredAnswerIsFoundByItsSessionWithEveryPart() {
        DeliveredAnswer answer = deliveredAnswer(1);

        store.saveDeliveredAnswer(answer);

        assertThat(store.deliveredAnswer(answer.session())).contains(answer);
        assertThat(store.deliveredAnswers()).containsExactly(answer);
    }

    @Test
    void savingADeliveredAnswerAgainReplacesIt() {
        DeliveredAnswer answer = deliveredAnswer(1);
        store.saveDeliveredAnswer(answer);
        DeliveredAnswer more = answer.with(new PartId("prt_b1"), 500);

        store.saveDeliveredAnswer(more);

        assertThat(store.deliveredAnswers()).containsExactly(more);
    }

    @Test
    void aRemovedDeliveredAnswerIsGoneAndOthersStay() {
        store.saveDeliveredAnswer(deliveredAnswer(1));
        store.saveDeliveredAnswer(deliveredAnswer(2));

        store.removeDeliveredAnswer(deliveredAnswer(1).session());

        assertThat(store.deliveredAnswer(deliveredAnswer(1).session())).isEmpty();
        assertThat(store.deliveredAnswers()).containsExactly(deliveredAnswer(2));
    }
}
