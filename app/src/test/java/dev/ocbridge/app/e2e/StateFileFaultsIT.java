package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A state directory that refuses writes for a while loses nothing and doubles nothing. */
class StateFileFaultsIT extends EndToEndTest {

    @Test
    void aStateDirectoryThatRefusesWritesForAWhileReplaysNoPromptAndChurnsNoThread() throws Exception {
        BridgeProcess first = startBridge();
        SessionInfo before = createSession("Before the disk trouble");
        EmulatedPost beforeRoot = awaitThreadRoot(before);
        Eventually.awaitTrue("the first mapping on disk", () -> stateFileContains(before.id().value()));
        Path stateDirectory = mappingFile.getParent();
        Path away = stateDirectory.resolveSibling(stateDirectory.getFileName() + ".away");

        refuseWrites(stateDirectory, away);
        llm.enqueueText("Answered while the disk refused writes.");
        mattermost.reply(alice, aliceDm.id(), beforeRoot.id(), "a prompt while the disk refuses writes");
        awaitThreadContains(beforeRoot.id(), "Answered while the disk refused writes.");
        SessionInfo during = createSession("Opened while the disk refused writes");
        EmulatedPost duringRoot = awaitThreadRoot(during);
        llm.enqueueText("Answered in the thread opened while the disk refused writes.");
        mattermost.reply(alice, aliceDm.id(), duringRoot.id(), "a prompt that updates the new session");
        awaitThreadContains(duringRoot.id(), "Answered in the thread opened while the disk refused writes.");
        Eventually.awaitTrue("the failed write in the log", () -> first.hasLogged("Cannot write the state file"));
        Eventually.quietPeriod(Duration.ofSeconds(2));
        acceptWrites(stateDirectory, away);

        Eventually.awaitTrue("the state written again", () -> first.hasLogged("is written again"));
        assertThat(first.stop()).isEqualTo(BridgeProcess.TERMINATED);
        assertThat(Files.readString(mappingFile)).contains(during.id().value(), duringRoot.id());
        int promptsBeforeRestart = llm.requests().size();
        startBridge();
        Eventually.quietPeriod(Duration.ofSeconds(3));

        assertThat(llm.requests()).as("no prompt replayed after the restart").hasSize(promptsBeforeRestart);
        assertThat(mattermost.requestCount("DELETE /posts/{post_id}")).as("no thread root removed").isZero();
        assertThat(botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty()))
                .as("one thread per session, the one opened while the disk refused writes included")
                .extracting(EmulatedPost::id)
                .containsExactlyInAnyOrder(beforeRoot.id(), duringRoot.id());
    }

    @Test
    void aStateFileWithManyBadEntriesIsReportedInOnePostOnceAndTheNextStartIsClean() throws Exception {
        Files.createDirectories(mappingFile.getParent());
        String badEntries = IntStream.range(0, 1_000)
                .mapToObj(n -> "{\"sessionId\": \"ses_" + n + "\", \"status\": \"" + "broken".repeat(50) + "\"}")
                .collect(Collectors.joining(","));
        Files.writeString(mappingFile, "{\"version\": 1, \"mappings\": [" + badEntries + "]}");

        BridgeProcess first = startBridge();
        EmulatedPost notice = awaitBotPost(aliceDm.id(), "the recovery notice",
                post -> post.message().contains("invalid entries"));
        assertThat(notice.message()).contains("1000 invalid entries", "997 more").hasSizeLessThan(2_000);
        assertThat(first.stop()).isEqualTo(BridgeProcess.TERMINATED);

        BridgeProcess second = startBridge();
        Eventually.quietPeriod(Duration.ofSeconds(2));

        assertThat(second.hasLogged("invalid entries")).isFalse();
        assertThat(botPostsIn(aliceDm.id())).filteredOn(post -> post.message().contains("invalid entries")).hasSize(1);
        try (Stream<Path> files = Files.list(mappingFile.getParent())) {
            assertThat(files.filter(file -> file.getFileName().toString().contains(".corrupt-"))).hasSize(1);
        }
    }

    private boolean stateFileContains(String text) {
        try {
            return Files.readString(mappingFile).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The directory moved aside and a plain file in its place: nothing can be created in it, whoever runs the
     * test (permissions do not stop root), while the files the bridge holds open (its lock) stay open.
     */
    private static void refuseWrites(Path directory, Path away) throws IOException {
        Files.move(directory, away);
        Files.writeString(directory, "in place of the state directory");
    }

    private static void acceptWrites(Path directory, Path away) throws IOException {
        Files.delete(directory);
        Files.move(away, directory);
    }
}
