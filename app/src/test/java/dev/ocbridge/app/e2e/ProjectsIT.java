package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions of every project the server knows: threads for those of the server's own directory and of a second
 * project, created before and after the bridge started; {@code !projects}; {@code !new} in a chosen project.
 */
class ProjectsIT extends EndToEndTest {
    /** The second project's own configuration picks another model, so an answer shows which project ran it. */
    private static final String SECOND_PROJECT_MODEL = "fake-model-2";

    private Path secondProject;

    @BeforeEach
    void createSecondProject() throws IOException {
        secondProject = Files.createDirectories(Files.createTempDirectory("e2e-projects").resolve("second-project"))
                .toRealPath();
        Files.writeString(secondProject.resolve("opencode.json"),
                "{\"$schema\": \"https://opencode.ai/config.json\", \"model\": \"fake/" + SECOND_PROJECT_MODEL + "\"}");
        llm.respondWith(request -> LlmReply.text("Answered by " + request.model() + ": "
                + request.lastUserText().substring(request.lastUserText().lastIndexOf('\n') + 1)));
    }

    @Test
    void sessionsOfTwoProjectsFromBeforeAndAfterTheStartGetThreadsAndAnswerThere() {
        SessionInfo inTheServersDirectory = createSessionIn(serverDirectory, "Before, in the server's directory");
        SessionInfo secondBefore = createSessionIn(secondProject, "Before, in the second project");
        startBridge();
        SessionInfo secondAfter = createSessionIn(secondProject, "After, in the second project");

        EmulatedPost first = awaitThreadRoot(inTheServersDirectory);
        EmulatedPost before = awaitThreadRoot(secondBefore);
        EmulatedPost after = awaitThreadRoot(secondAfter);
        assertThat(before.message()).contains(secondProject.toString());

        mattermost.reply(alice, aliceDm.id(), first.id(), "question one");
        mattermost.reply(alice, aliceDm.id(), before.id(), "question two");
        mattermost.reply(alice, aliceDm.id(), after.id(), "question three");

        awaitThreadContains(first.id(), "Answered by fake-model: question one");
        awaitThreadContains(before.id(), "Answered by " + SECOND_PROJECT_MODEL + ": question two");
        awaitThreadContains(after.id(), "Answered by " + SECOND_PROJECT_MODEL + ": question three");
        assertThat(botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty())).hasSize(3);
    }

    @Test
    void projectsNamesBothProjectsAndNewStartsASessionInTheChosenOneThatAnswersInItsThread() {
        createSessionIn(secondProject, "Earlier work");
        startBridge();

        String projects = command("!projects");
        assertThat(projects).contains("**second\\-project** · `" + secondProject + "` · 1 session",
                "`" + serverDirectory + "` · no sessions · new sessions from the main DM go here");

        EmulatedPost post = mattermost.post(alice, aliceDm.id(), "!new second-project write the docs");

        awaitThreadContains(post.id(), "Answered by " + SECOND_PROJECT_MODEL + ": write the docs");
        SessionInfo started = allSessions().get(0);
        assertThat(started.directory()).isEqualTo(secondProject.toString());
        assertThat(botReplies(post.id()).get(0).message()).contains("OpenCode session", started.shortId());
        assertThat(llm.wasPromptedWith(header(alice, post.id(), post.id(), aliceDm.id()) + "write the docs")).isTrue();
        assertThat(botPostsIn(aliceDm.id()).stream().filter(root -> root.rootId().isEmpty()))
                .as("the !new post is the thread root; no other thread for the session").hasSize(1);
    }

    @Test
    void newWithANameNoProjectHasStartsNothingAndNamesTheClosest() {
        createSessionIn(secondProject, "Earlier work");
        startBridge();

        String answer = command("!new second-projcet write the docs");

        assertThat(answer).contains("No project is called `second-projcet`", "`second-project`");
        Eventually.quietPeriod(Duration.ofSeconds(1));
        assertThat(allSessions()).hasSize(1);
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void theStateFileIsTheDefaultUnderTheBridgesHomeOrUnderXdgConfigHome() throws IOException {
        BridgeProcess bridge = startBridge();
        SessionInfo session = createSession("Kept under HOME");
        awaitThreadRoot(session);

        Eventually.awaitTrue("the mapping in the state file under HOME", () -> contains(mappingFile, session));
        assertThat(bridge.hasLogged("state file " + mappingFile)).isTrue();
        bridge.stop();

        Path configHome = Files.createTempDirectory("e2e-xdg-config").toRealPath();
        BridgeProcess withXdg = startBridge(Map.of("XDG_CONFIG_HOME", configHome.toString()));
        Path xdgStateFile = configHome.resolve("opencode/mattermost-threads.json");
        assertThat(withXdg.hasLogged("state file " + xdgStateFile)).isTrue();
        Eventually.awaitTrue("the mapping in the state file under XDG_CONFIG_HOME", () -> contains(xdgStateFile, session));
    }

    /** The time from launching the bridge to the last thread, printed for the record; the count is asserted. */
    @Test
    void fortySessionsInTwoProjectsGetOneThreadEachAtStart() {
        for (int i = 0; i < 20; i++) {
            createSessionIn(serverDirectory, "Server directory " + i);
            createSessionIn(secondProject, "Second project " + i);
        }

        long launched = System.nanoTime();
        launchBridge(Map.of());
        List<EmulatedPost> roots = Eventually.await("40 thread roots", () -> Optional.of(threadRoots())
                .filter(found -> found.size() >= 40));
        long elapsed = Duration.ofNanos(System.nanoTime() - launched).toMillis();
        System.err.println("[measure] 40 sessions in 2 projects: last thread root " + elapsed
                + " ms after the bridge was launched");

        Eventually.quietPeriod(Duration.ofSeconds(1));
        assertThat(threadRoots()).hasSize(40);
        for (SessionInfo session : allSessions()) {
            assertThat(roots).filteredOn(root -> root.message().contains(session.shortId())).hasSize(1);
        }
    }

    private List<EmulatedPost> threadRoots() {
        return botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty()).toList();
    }

    private static boolean contains(Path stateFile, SessionInfo session) {
        try {
            return Files.isRegularFile(stateFile) && Files.readString(stateFile).contains(session.id().value());
        } catch (IOException e) {
            return false;
        }
    }

    private String command(String text) {
        EmulatedPost post = mattermost.post(alice, aliceDm.id(), text);
        return awaitBotPost(aliceDm.id(), "the answer to " + text, reply -> reply.rootId().equals(post.id())).message();
    }
}
