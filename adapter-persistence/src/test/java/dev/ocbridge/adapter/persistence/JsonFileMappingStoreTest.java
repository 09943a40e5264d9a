package dev.ocbridge.adapter.persistence;

import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.MappingStatus;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.StateStoreException;
import dev.ocbridge.core.testing.ManualScheduler;
import dev.ocbridge.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.ocbridge.core.testing.MappingStoreContract.mapping;
import static dev.ocbridge.core.testing.MappingStoreContract.requestPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JsonFileMappingStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-21T13:40:05Z");
    private static final Duration KEEP_ENDED = Duration.ofDays(30);
    private static final String PLUGIN_FILE = """
            {
              "version": 1,
              "mappings": [
                {
                  "sessionId": "ses_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
                  "threadRootPostId": "x1y2z3a4b5c6d7e8",
                  "shortId": "ses_a1b2",
                  "mattermostUserId": "abc123",
                  "dmChannelId": "def456",
                  "projectName": "business-automation",
                  "directory": "/srv/business-automation",
                  "sessionTitle": "Fix email pipeline",
                  "status": "disconnected",
                  "createdAt": "2026-01-15T14:30:00.000Z",
                  "lastActivityAt": "2026-01-15T14:45:00.000Z"
                },
                {
                  "sessionId": "ses_q9w8e7r6t5y4u3i2o1p0a9s8d7f6",
                  "threadRootPostId": "m1n2o3p4q5r6s7t8",
                  "shortId": "ses_q9w8",
                  "mattermostUserId": "abc123",
                  "dmChannelId": "def456",
                  "projectName": "plugin",
                  "directory": "/srv/plugin",
                  "status": "orphaned",
                  "createdAt": "2026-01-15T10:00:00.000Z",
                  "lastActivityAt": "2026-01-15T12:30:00.000Z"
                }
              ],
              "lastModified": "2026-01-15T14:45:00.000Z"
            }
            """;

    @TempDir
    Path directory;

    private final List<JsonFileMappingStore> opened = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    @AfterEach
    void closeStores() {
        opened.forEach(JsonFileMappingStore::close);
    }

    private Path stateFile() {
        return directory.resolve("mattermost-threads.json");
    }

    private JsonFileMappingStore open() {
        return open(stateFile());
    }

    private JsonFileMappingStore open(Path file) {
        JsonFileMappingStore store = JsonFileMappingStore.open(file,
                new JsonFileMappingStore.Options(clock, scheduler, Runnable::run, KEEP_ENDED));
        opened.add(store);
        return store;
    }

    private void givenStateFile(String content) throws IOException {
        Files.writeString(stateFile(), content, StandardCharsets.UTF_8);
    }

    private List<String> filesInDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> writtenDocument() throws IOException {
        return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
                .fromJson(Files.readString(stateFile()));
    }

    @Test
    void mappingsAndCursorsSurviveAReopen() {
        JsonFileMappingStore first = open();
        ThreadMapping ended = mapping(2).endedAt(NOW);
        ChannelCursor cursor = new ChannelCursor(new PostId("p9"), NOW);
        first.save(mapping(1));
        first.save(ended);
        first.advanceCursor(new ChannelId("dm1"), cursor);
        first.close();

        JsonFileMappingStore second = open();

        assertThat(second.mappings()).containsExactly(mapping(1), ended);
        assertThat(second.cursor(new ChannelId("dm1"))).contains(cursor);
        assertThat(second.recoveryNotice()).isEmpty();
    }

    @Test
    void thePostsHandledAfterACursorSurviveAReopen() {
        JsonFileMappingStore first = open();
        ChannelCursor cursor = new ChannelCursor(new PostId("p9"), NOW,
                Map.of(new PostId("p11"), NOW.plusMillis(1), new PostId("p12"), NOW.plusMillis(2)));
        first.advanceCursor(new ChannelId("dm1"), cursor);
        first.close();

        JsonFileMappingStore second = open();

        assertThat(second.cursor(new ChannelId("dm1"))).contains(cursor);
    }

    @Test
    void aCursorWithoutAPostSurvivesAReopen() {
        JsonFileMappingStore first = open();
        ChannelCursor cursor = ChannelCursor.startingAt(NOW);
        first.advanceCursor(new ChannelId("dm1"), cursor);
        first.close();

        JsonFileMappingStore second = open();

        assertThat(second.cursor(new ChannelId("dm1"))).contains(cursor);
        assertThat(second.recoveryNotice()).isEmpty();
    }

    @Test
    void chosenModelsAndAgentsSurviveAReopen() {
        JsonFileMappingStore first = open();
        PromptChoices forSession = new PromptChoices(new ModelRef("openrouter", "anthropic/claude:beta"), "plan");
        PromptChoices forAlice = new PromptChoices(null, "plan");
        first.saveSessionChoices(new SessionId("ses_1"), forSession);
        first.saveMainDmChoices(new UserId("alice"), forAlice);
        first.close();

        JsonFileMappingStore second = open();

        assertThat(second.sessionChoices(new SessionId("ses_1"))).contains(forSession);
        assertThat(second.mainDmChoices(new UserId("alice"))).contains(forAlice);
    }

    @Test
    void chosenModelsAndAgentsHaveASectionOfTheirOwn() throws IOException {
        JsonFileMappingStore store = open();

        store.saveSessionChoices(new SessionId("ses_1"), new PromptChoices(new ModelRef("fake", "fake-model-2"), null));
        store.saveMainDmChoices(new UserId("alice"), new PromptChoices(null, "plan"));

        assertThat(writtenDocument().get("promptChoices")).isEqualTo(Map.of(
                "sessions", List.of(Map.of("sessionId", "ses_1",
                        "model", Map.of("providerId", "fake", "modelId", "fake-model-2"))),
                "mainDm", List.of(Map.of("mattermostUserId", "alice", "agent", "plan"))));
    }

    @Test
    void withNothingChosenTheDocumentHasNoChoicesSection() throws IOException {
        JsonFileMappingStore store = open();
        store.saveSessionChoices(new SessionId("ses_1"), new PromptChoices(null, "plan"));

        store.saveSessionChoices(new SessionId("ses_1"), PromptChoices.NONE);

        assertThat(writtenDocument()).doesNotContainKey("promptChoices");
    }

    @Test
    void anInvalidChoiceIsLeftOutAndReported() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 1, \"promptChoices\": {\"sessions\": ["
                + "{\"sessionId\": \"ses_ok\", \"agent\": \"plan\"},"
                + "{\"sessionId\": \"ses_bad\", \"model\": {\"providerId\": \"fake\"}}]},"));

        JsonFileMappingStore store = open();

        assertThat(store.sessionChoices(new SessionId("ses_ok"))).contains(new PromptChoices(null, "plan"));
        assertThat(store.sessionChoices(new SessionId("ses_bad"))).isEmpty();
        assertThat(store.mappings()).hasSize(2);
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("promptChoices.sessions[1]", "model id"));
    }

    @Test
    void theDocumentUsesTheDataModelFieldNamesAndIsoTimes() throws IOException {
        JsonFileMappingStore store = open();

        store.save(mapping(1).endedAt(NOW));
        store.advanceCursor(new ChannelId("dm1"), new ChannelCursor(new PostId("p9"), NOW));
        store.close();

        Map<String, Object> document = writtenDocument();
        assertThat(document).containsEntry("version", 1.0).containsEntry("lastModified", NOW.toString());
        assertThat((List<?>) document.get("mappings")).singleElement().isEqualTo(Map.ofEntries(
                Map.entry("sessionId", "ses_contract1"),
                Map.entry("threadRootPostId", "root1"),
                Map.entry("shortId", "short1"),
                Map.entry("mattermostUserId", "user1"),
                Map.entry("dmChannelId", "dm1"),
                Map.entry("projectName", "project1"),
                Map.entry("directory", "/work/project1"),
                Map.entry("sessionTitle", "Title 1"),
                Map.entry("status", "ended"),
                Map.entry("createdAt", "2026-11-21T10:15:31.123456789Z"),
                Map.entry("lastActivityAt", NOW.toString()),
                Map.entry("endedAt", NOW.toString())));
        assertThat((List<?>) document.get("channelCursors")).singleElement().isEqualTo(Map.of(
                "channelId", "dm1", "lastPostId", "p9", "lastPostAt", NOW.toString()));
    }

    @Test
    void requestPostsSurviveAReopenWithTheirAnswersSoFar() {
        JsonFileMappingStore first = open();
        RequestPost permission = requestPost(RequestKind.PERMISSION, 1);
        RequestPost question = requestPost(RequestKind.QUESTION, 2).withAnswer(List.of("Red", "Blue"), NOW);
        first.saveRequestPost(permission);
        first.saveRequestPost(question);
        first.close();

        JsonFileMappingStore second = open();

        assertThat(second.requestPosts()).containsExactly(permission, question);
    }

    @Test
    void aRequestPostIsWrittenWithItsThreadAndIsoTimes() throws IOException {
        JsonFileMappingStore store = open();

        store.saveRequestPost(requestPost(RequestKind.QUESTION, 1).withAnswer(List.of("Blue"), NOW));

        assertThat((List<?>) writtenDocument().get("requestPosts")).singleElement().isEqualTo(Map.of(
                "kind", "question",
                "requestId", "que_1",
                "sessionId", "ses_contract1",
                "dmChannelId", "dm1",
                "threadRootPostId", "root1",
                "postId", "request1",
                "answersSoFar", List.of(List.of("Blue")),
                "answeredUpTo", NOW.toString()));
    }

    @Test
    void anInvalidRequestPostIsLeftOutAndReported() throws IOException {
        givenStateFile("""
                {"version": 1, "mappings": [], "requestPosts": [
                  {"kind": "permission", "requestId": "per_1", "sessionId": "ses_1", "dmChannelId": "dm1",
                   "threadRootPostId": "root1", "postId": "p1", "answeredUpTo": "2026-11-21T13:00:00Z"},
                  {"kind": "survey", "requestId": "x_2", "sessionId": "ses_1", "dmChannelId": "dm1",
                   "threadRootPostId": "root1", "postId": "p2", "answeredUpTo": "2026-11-21T13:00:00Z"}
                ]}
                """);

        JsonFileMappingStore store = open();

        assertThat(store.requestPosts()).extracting(post -> post.key().id()).containsExactly("per_1");
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("requestPosts[1]").contains("unknown kind"));
    }

    @Test
    void aFileOfTheOpenCodePluginIsTakenOver() throws IOException {
        givenStateFile(PLUGIN_FILE);

        JsonFileMappingStore store = open();

        assertThat(store.findByThreadRoot(new PostId("x1y2z3a4b5c6d7e8"))).hasValueSatisfying(mapping -> {
            assertThat(mapping.sessionId()).isEqualTo(new SessionId("ses_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"));
            assertThat(mapping.status()).isEqualTo(MappingStatus.ACTIVE);
            assertThat(mapping.lastActivityAt()).isEqualTo(Instant.parse("2026-01-15T14:45:00Z"));
        });
        assertThat(store.findBySession(new SessionId("ses_q9w8e7r6t5y4u3i2o1p0a9s8d7f6")))
                .hasValueSatisfying(mapping -> assertThat(mapping.status()).isEqualTo(MappingStatus.ENDED));
        assertThat(store.recoveryNotice()).isEmpty();
    }

    @Test
    void unknownFieldsAreTolerated() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"shortId\": \"ses_a1b2\",",
                "\"shortId\": \"ses_a1b2\", \"colour\": {\"nested\": [1, 2]}, \"pinned\": true,"));

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).hasSize(2);
        assertThat(store.recoveryNotice()).isEmpty();
    }

    @Test
    void unknownSectionsOfTheDocumentAreKeptWhenItIsRewritten() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 1, \"selectedModels\": {\"ses_x\": \"m\"},"));
        JsonFileMappingStore store = open();

        store.save(mapping(1));

        assertThat(writtenDocument()).containsEntry("selectedModels", Map.of("ses_x", "m"));
    }

    @Test
    void nullsInsideAnUnknownSectionAreWrittenBackAsTheyWere() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 1, \"selectedModels\": {\"ses_x\": null},"));
        JsonFileMappingStore store = open();

        store.save(mapping(1));

        assertThat(writtenDocument()).containsEntry("selectedModels", Collections.singletonMap("ses_x", null));
    }

    @Test
    void unknownSectionsAreWrittenBackInTheOrderTheyWereRead() throws IOException {
        List<String> sections = IntStream.rangeClosed(1, 20).mapToObj(i -> "future" + i).toList();
        givenStateFile(PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 1, " + sections.stream()
                .map(name -> "\"" + name + "\": {\"n\": 1}").collect(Collectors.joining(", ")) + ","));
        JsonFileMappingStore store = open();

        store.save(mapping(1));

        assertThat(writtenDocument().keySet()).containsSubsequence(sections);
    }

    @Test
    void aDocumentFromANewerBridgeIsRefusedAndLeftUntouched() throws IOException {
        String newer = PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 2,");
        givenStateFile(newer);

        assertThatThrownBy(this::open)
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(stateFile().toString())
                .hasMessageContaining("newer bridge")
                .hasMessageContaining("version 2");
        assertThat(Files.readString(stateFile())).isEqualTo(newer);
        assertThat(filesInDirectory()).noneMatch(name -> name.contains("corrupt"));
    }

    @Test
    void aRefusedNewerDocumentDoesNotKeepTheFileLocked() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"version\": 1,", "\"version\": 2,"));
        assertThatThrownBy(this::open).isInstanceOf(StateStoreException.class);
        givenStateFile(PLUGIN_FILE);

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).hasSize(2);
    }

    @Test
    void aFileThatIsNotJsonIsKeptAsideReportedAndTheStoreStartsEmpty() throws IOException {
        givenStateFile("{\"version\": 1, \"mappings\": [ {\"sessionId\": ");

        JsonFileMappingStore store = open();

        Path aside = directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z");
        assertThat(store.mappings()).isEmpty();
        assertThat(Files.readString(aside)).isEqualTo("{\"version\": 1, \"mappings\": [ {\"sessionId\": ");
        assertThat(stateFile()).doesNotExist();
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains(stateFile().toString()).contains(aside.toString()).contains("not valid JSON"));
    }

    @Test
    void aSectionThatIsNotAListIsLeftOutAndTheRestIsLoadedAndTheOriginalIsKept() throws IOException {
        String wrongShape = "{\"version\": 1, \"mappings\": \"all of them\", \"channelCursors\": [{\"channelId\": "
                + "\"dm1\", \"lastPostId\": \"p9\", \"lastPostAt\": \"2026-11-21T13:00:00Z\"}]}";
        givenStateFile(wrongShape);

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).isEmpty();
        assertThat(store.cursor(new ChannelId("dm1"))).contains(
                new ChannelCursor(new PostId("p9"), Instant.parse("2026-11-21T13:00:00Z")));
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("mappings: not a list").contains("corrupt-20261121T134005Z"));
        assertThat(Files.readString(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z")))
                .isEqualTo(wrongShape);
    }

    @Test
    void anEntryThatIsNotAnObjectIsLeftOutAndTheOtherEntriesAreLoaded() throws IOException {
        String oneBad = PLUGIN_FILE.replace("\"mappings\": [", "\"mappings\": [true,");
        givenStateFile(oneBad);

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).hasSize(2);
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("1 invalid entries").contains("mappings[0]"));
        assertThat(Files.readString(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z")))
                .isEqualTo(oneBad);
    }

    @Test
    void anEntryWithAMemberOfTheWrongJsonTypeIsLeftOutAndTheOtherEntriesAreLoaded() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("\"sessionTitle\": \"Fix email pipeline\"", "\"sessionTitle\": {\"a\": 1}"));

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).extracting(ThreadMapping::sessionId)
                .containsExactly(new SessionId("ses_q9w8e7r6t5y4u3i2o1p0a9s8d7f6"));
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice).contains("mappings[0]"));
    }

    @Test
    void jsonThatIsNotAnObjectIsKeptAside() throws IOException {
        givenStateFile("[1, 2, 3]");

        JsonFileMappingStore store = open();

        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice).contains("JSON object"));
        assertThat(filesInDirectory()).contains("mattermost-threads.json.corrupt-20261121T134005Z");
    }

    @Test
    void aDocumentWithoutVersionIsKeptAside() throws IOException {
        givenStateFile("{\"mappings\": []}");

        JsonFileMappingStore store = open();

        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice).contains("\"version\""));
        assertThat(filesInDirectory()).contains("mattermost-threads.json.corrupt-20261121T134005Z");
    }

    @Test
    void aFileWithBytesThatAreNotUtf8IsKeptAsideAsItWasAndReported() throws IOException {
        byte[] text = PLUGIN_FILE.getBytes(StandardCharsets.UTF_8);
        int at = PLUGIN_FILE.indexOf("Fix email");
        byte[] damaged = new byte[text.length + 1];
        System.arraycopy(text, 0, damaged, 0, at);
        damaged[at] = (byte) 0xFF;
        System.arraycopy(text, at, damaged, at + 1, text.length - at);
        Files.write(stateFile(), damaged);

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).isEmpty();
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("not valid UTF-8 at byte " + at).contains("corrupt-20261121T134005Z"));
        assertThat(Files.readAllBytes(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z")))
                .isEqualTo(damaged);
    }

    @Test
    void anEmptyFileIsKeptAside() throws IOException {
        givenStateFile("");

        JsonFileMappingStore store = open();

        assertThat(store.recoveryNotice()).isPresent();
        assertThat(filesInDirectory()).contains("mattermost-threads.json.corrupt-20261121T134005Z");
    }

    @Test
    void theKeptCopyIsNotOverwrittenByLaterWritesOrASecondRecovery() throws IOException {
        givenStateFile("first garbage");
        open().close();
        givenStateFile("second garbage");

        JsonFileMappingStore store = open();
        store.save(mapping(1));

        assertThat(Files.readString(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z")))
                .isEqualTo("first garbage");
        assertThat(Files.readString(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z-1")))
                .isEqualTo("second garbage");
    }

    @Test
    void invalidEntriesAreLeftOutTheRestIsLoadedAndTheOriginalIsKept() throws IOException {
        String oneBad = PLUGIN_FILE.replace("\"status\": \"orphaned\"", "\"status\": \"exploded\"");
        givenStateFile(oneBad);

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).extracting(ThreadMapping::sessionId)
                .containsExactly(new SessionId("ses_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"));
        assertThat(store.recoveryNotice()).hasValueSatisfying(notice -> assertThat(notice)
                .contains("mappings[1]").contains("unknown status"));
        assertThat(Files.readString(directory.resolve("mattermost-threads.json.corrupt-20261121T134005Z")))
                .isEqualTo(oneBad);
    }

    @Test
    void aSessionListedTwiceKeepsItsLastEntry() throws IOException {
        givenStateFile(PLUGIN_FILE.replace("ses_q9w8e7r6t5y4u3i2o1p0a9s8d7f6", "ses_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"));

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).singleElement()
                .satisfies(mapping -> assertThat(mapping.status()).isEqualTo(MappingStatus.ENDED));
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnoredAndRemoved() throws IOException {
        JsonFileMappingStore before = open();
        before.save(mapping(1));
        before.close();
        Files.writeString(directory.resolve("mattermost-threads.json.8512337.tmp"), "{\"version\": 1, \"mapp");

        JsonFileMappingStore store = open();

        assertThat(store.mappings()).containsExactly(mapping(1));
        assertThat(store.recoveryNotice()).isEmpty();
        assertThat(filesInDirectory()).containsExactly("mattermost-threads.json", "mattermost-threads.json.lock");
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        JsonFileMappingStore store = open();

        for (int n = 0; n < 5; n++) {
            store.save(mapping(n));
        }

        assertThat(filesInDirectory()).containsExactly("mattermost-threads.json", "mattermost-threads.json.lock");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        JsonFileMappingStore store = open();

        store.save(mapping(1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
    }

    @Test
    void anExistingFileReadableByOthersIsRestrictedToItsOwner() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        givenStateFile(PLUGIN_FILE);
        Files.setPosixFilePermissions(stateFile(), PosixFilePermissions.fromString("rw-r--r--"));

        open();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path nested = directory.resolve("config").resolve("opencode").resolve("mattermost-threads.json");
        JsonFileMappingStore store = open(nested);

        store.save(mapping(1));

        assertThat(nested).isRegularFile();
    }

    @Test
    void aSecondOpenerInTheSameProcessIsRefused() {
        open();

        assertThatThrownBy(this::open)
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(stateFile().toString())
                .hasMessageContaining("another bridge seems to be running");
    }

    @Test
    void theFileCanBeOpenedAgainAfterClose() {
        open().close();

        JsonFileMappingStore again = open();

        assertThat(again.mappings()).isEmpty();
    }

    @Test
    void aClosedStoreRefusesUse() {
        JsonFileMappingStore store = open();
        store.close();

        assertThatThrownBy(() -> store.save(mapping(1))).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFileIsOpen() throws Exception {
        open();

        SecondProcess second = SecondProcess.tryToOpen(stateFile());

        assertThat(second.exitCode()).isEqualTo(LockProbe.REFUSED);
        assertThat(second.stderr()).contains(stateFile().toString()).contains("another bridge seems to be running")
                .contains("by process " + ProcessHandle.current().pid());
    }

    @Test
    void aRefusedSecondOpenerInTheSameProcessDoesNotReleaseTheLock() throws Exception {
        open();
        assertThatThrownBy(this::open).isInstanceOf(StateStoreException.class);

        SecondProcess second = SecondProcess.tryToOpen(stateFile());

        assertThat(second.exitCode()).isEqualTo(LockProbe.REFUSED);
    }

    @Test
    void aSecondProcessMayOpenTheFileOnceClosed() throws Exception {
        open().close();

        SecondProcess second = SecondProcess.tryToOpen(stateFile());

        assertThat(second.exitCode()).as(second.stderr()).isEqualTo(LockProbe.OPENED);
    }
}
