package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.ManualScheduler;
import dev.ocbridge.core.testing.MappingStoreContract;
import dev.ocbridge.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.ocbridge.core.testing.MappingStoreContract.mapping;
import static org.assertj.core.api.Assertions.assertThat;

/** When the state file is written: mappings at once, cursor moves batched, failed writes retried, stops flushed. */
class StateFileWritesTest {
    private static final Instant NOW = Instant.parse("2026-11-21T13:40:05Z");
    private static final Duration KEEP_ENDED = Duration.ofDays(30);
    private static final ChannelId DM = new ChannelId("dm1");
    /** Mattermost's longest post. */
    private static final int POST_LIMIT = 16_383;

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(NOW);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<JsonFileMappingStore> opened = new ArrayList<>();
    private UnwritableDirectory unwritable;

    @AfterEach
    void closeStores() {
        opened.forEach(JsonFileMappingStore::close);
    }

    private Path stateFile() {
        return directory.resolve("state").resolve("mattermost-threads.json");
    }

    private JsonFileMappingStore open() {
        JsonFileMappingStore store = JsonFileMappingStore.open(stateFile(),
                new JsonFileMappingStore.Options(clock, scheduler, Runnable::run, KEEP_ENDED));
        opened.add(store);
        unwritable = new UnwritableDirectory(stateFile().getParent());
        return store;
    }

    /** What a bridge started now would find in the file. */
    private JsonFileMappingStore reopenedAfter(JsonFileMappingStore store) {
        store.close();
        return open();
    }

    private static ChannelCursor cursorAt(int n) {
        return new ChannelCursor(new PostId("post" + n), NOW.plusMillis(n));
    }

    @Test
    void aBurstOfCursorMovesIsWrittenAtMostOncePerSecond() {
        JsonFileMappingStore store = open();

        for (int n = 1; n <= 1_000; n++) {
            store.advanceCursor(DM, cursorAt(n));
            scheduler.advance(Duration.ofMillis(10));
        }

        assertThat(store.writes()).isBetween(9, 11);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(reopenedAfter(store).cursor(DM)).contains(cursorAt(1_000));
    }

    @Test
    void aCursorMoveIsNotWrittenOnTheCallersThread() {
        JsonFileMappingStore store = open();

        store.advanceCursor(DM, cursorAt(1));

        assertThat(store.writes()).isZero();
        scheduler.runDueTasks();
        assertThat(store.writes()).isOne();
    }

    @Test
    void aDeliveredAnswerIsBatchedLikeACursorMoveAndItsRemovalIsWrittenBeforeItReturns() {
        JsonFileMappingStore store = open();
        store.saveDeliveredAnswer(MappingStoreContract.deliveredAnswer(1));
        assertThat(store.writes()).isZero();
        scheduler.runDueTasks();

        store.removeDeliveredAnswer(MappingStoreContract.deliveredAnswer(1).session());

        assertThat(store.writes()).isEqualTo(2);
        assertThat(reopenedAfter(store).deliveredAnswers()).isEmpty();
    }

    @Test
    void aDeliveredAnswerSurvivesAReopen() {
        JsonFileMappingStore store = open();
        store.saveDeliveredAnswer(MappingStoreContract.deliveredAnswer(1));
        store.saveDeliveredAnswer(MappingStoreContract.deliveredAnswer(2));

        assertThat(reopenedAfter(store).deliveredAnswers()).containsExactlyInAnyOrder(
                MappingStoreContract.deliveredAnswer(1), MappingStoreContract.deliveredAnswer(2));
    }

    @Test
    void aMappingIsWrittenBeforeSaveReturns() {
        JsonFileMappingStore store = open();
        store.advanceCursor(DM, cursorAt(1));
        scheduler.runDueTasks();

        store.save(mapping(1));

        assertThat(store.writes()).isEqualTo(2);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void endingAMappingIsWrittenBeforeSaveReturns() {
        JsonFileMappingStore store = open();
        store.save(mapping(1));

        store.save(mapping(1).endedAt(NOW));

        assertThat(store.writes()).isEqualTo(2);
    }

    @Test
    void changesOfTitleAndActivityAloneAreBatchedLikeCursorMoves() {
        JsonFileMappingStore store = open();
        store.save(mapping(1));

        for (int n = 1; n <= 100; n++) {
            store.save(mapping(1).titled("Title " + n).touchedAt(NOW.plusSeconds(n)));
            scheduler.advance(Duration.ofMillis(10));
        }

        assertThat(store.writes()).isEqualTo(2);
        assertThat(reopenedAfter(store).mappings()).singleElement()
                .satisfies(saved -> assertThat(saved.sessionTitle()).isEqualTo("Title 100"));
    }

    @Test
    void aCleanStopWritesTheCursorMovesStillWaiting() {
        JsonFileMappingStore store = open();
        store.save(mapping(1));
        store.advanceCursor(DM, cursorAt(7));

        JsonFileMappingStore next = reopenedAfter(store);

        assertThat(next.cursor(DM)).contains(cursorAt(7));
    }

    @Test
    void aMappingThatCannotBeWrittenHoldsAndIsWrittenOnceTheDiskIsBack() {
        JsonFileMappingStore store = open();
        unwritable.refuseWrites();

        store.save(mapping(1));

        assertThat(store.findBySession(mapping(1).sessionId())).contains(mapping(1));
        assertThat(store.unwrittenSince()).contains(NOW);
        unwritable.acceptWrites();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(store.unwrittenSince()).isEmpty();
        assertThat(reopenedAfter(store).mappings()).containsExactly(mapping(1));
    }

    @Test
    void cursorMovesMadeWhileTheDiskRefusedWritesAreNotLostOnceItIsBack() {
        JsonFileMappingStore store = open();
        unwritable.refuseWrites();
        for (int n = 1; n <= 50; n++) {
            store.advanceCursor(DM, cursorAt(n));
            scheduler.advance(Duration.ofMillis(100));
        }

        unwritable.acceptWrites();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(store.writes()).isOne();
        assertThat(reopenedAfter(store).cursor(DM)).contains(cursorAt(50));
    }

    @Test
    void writesThatKeepFailingAreTriedAgainAtGrowingIntervals() {
        JsonFileMappingStore store = open();
        unwritable.refuseWrites();
        store.save(mapping(1));
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(2));
        unwritable.acceptWrites();

        scheduler.advance(Duration.ofMillis(3_999));
        assertThat(store.writes()).isZero();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(store.writes()).isOne();
    }

    @Test
    void aStopWhileTheDiskRefusesWritesDoesNotThrowAndReleasesTheFile() {
        JsonFileMappingStore store = open();
        unwritable.refuseWrites();
        store.save(mapping(1));

        store.close();
        unwritable.acceptWrites();

        assertThat(open().mappings()).isEmpty();
    }

    @Test
    void mappingsThatEndedLongerAgoThanKeptAreLeftOutAtTheNextSave() {
        JsonFileMappingStore store = open();
        ThreadMapping endedLongAgo = mapping(1).endedAt(NOW);
        ThreadMapping endedRecently = mapping(2).endedAt(NOW.plus(Duration.ofDays(20)));
        store.save(endedLongAgo);
        store.save(endedRecently);
        clock.advance(KEEP_ENDED.plusDays(1));

        store.save(mapping(3));

        assertThat(store.mappings()).containsExactly(endedRecently, mapping(3));
        assertThat(reopenedAfter(store).mappings()).containsExactly(endedRecently, mapping(3));
    }

    @Test
    void mappingsThatEndedLongerAgoThanKeptAreLeftOutAtStart() {
        JsonFileMappingStore store = open();
        store.save(mapping(1).endedAt(NOW));
        store.save(mapping(2));
        store.close();
        clock.advance(KEEP_ENDED.plusSeconds(1));

        JsonFileMappingStore next = open();

        assertThat(next.mappings()).containsExactly(mapping(2));
    }

    @Test
    void activeMappingsAreKeptHoweverOld() {
        JsonFileMappingStore store = open();
        store.save(mapping(1));
        clock.advance(KEEP_ENDED.multipliedBy(10));

        store.save(mapping(2));

        assertThat(store.mappings()).containsExactly(mapping(1), mapping(2));
    }

    @Test
    void theNoticeAboutManyInvalidEntriesFitsOnePostAndNamesAFew() throws IOException {
        Files.createDirectories(stateFile().getParent());
        String badEntries = IntStream.range(0, 2_000)
                .mapToObj(n -> "{\"sessionId\": \"ses_" + n + "\", \"status\": \"" + "x".repeat(300) + "\"}")
                .collect(Collectors.joining(",\n"));
        Files.writeString(stateFile(), "{\"version\": 1, \"mappings\": [" + badEntries + "]}");

        JsonFileMappingStore store = open();

        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .hasSizeLessThan(POST_LIMIT / 4)
                .contains("2000 invalid entries")
                .contains("mappings[0]").contains("mappings[2]").doesNotContain("mappings[3]")
                .contains("1997 more"));
    }

    @Test
    void aFileWithInvalidEntriesIsKeptAsideOnceAndWrittenAgainWithoutThem() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "{\"version\": 1, \"mappings\": [{\"sessionId\": 7}], \"channelCursors\": "
                + "[{\"channelId\": \"dm1\", \"lastPostId\": \"post1\", \"lastPostAt\": \"" + NOW.plusMillis(1)
                + "\"}]}");
        JsonFileMappingStore first = open();
        assertThat(first.recoveryNotice()).isPresent();
        first.close();
        clock.advance(Duration.ofMinutes(5));

        JsonFileMappingStore second = open();

        assertThat(second.recoveryNotice()).isEmpty();
        assertThat(second.cursor(DM)).contains(cursorAt(1));
        try (Stream<Path> files = Files.list(stateFile().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.contains(".corrupt-")))
                    .hasSize(1);
        }
    }
}
