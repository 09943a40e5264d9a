package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.opencode.testing.LlmReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a thread shows of the agent's work as it happens, with the real OpenCode and the fake LLM, and what it
 * costs in REST requests to Mattermost. The bridge runs with the default edit interval, as a user gets it.
 */
class ProgressIT extends EndToEndTest {
    /** The base class sets a short edit interval for speed; an empty value leaves the bridge's default. */
    private static final Map<String, String> DEFAULTS = Map.of("OPENCODE_MM_EDIT_INTERVAL_MS", "");
    private static final String DONE = ":white_check_mark: Done in ";

    private BridgeProcess bridge;

    @AfterEach
    void reportPeakMemory() {
        if (bridge != null) {
            bridge.peakResidentKilobytes().ifPresent(kilobytes ->
                    System.err.println("[measured] bridge peak RSS (VmHWM): " + kilobytes / 1024 + " MiB"));
        }
    }

    @Test
    void aShellCommandShowsItsCommandAndOutputAndTheRunEndsWithItsUsage() {
        llm.enqueue(LlmReply.bash("echo hello-from-bash; echo second-line"), LlmReply.text("The command said hello."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);

        mattermost.reply(alice, aliceDm.id(), root.id(), "run it");

        awaitTheRunsEnd(root);
        String thread = threadText(root.id());
        assertThat(thread).contains(":white_check_mark: **bash** `echo hello-from-bash; echo second-line` · ",
                "```\nhello-from-bash\nsecond-line\n```", "The command said hello.");
        assertThat(closingLine(thread)).contains("`fake/fake-model`", " in / ", " out tokens", "$");
        assertThat(mattermost.typingIn(aliceDm.id()))
                .as("the typing indicator in the thread while the agent worked")
                .anyMatch(typed -> typed.userId().equals(bot.id()) && typed.parentId().equals(root.id()));
    }

    @Test
    void theTodoListAppearsAsAChecklistAndIsUpdatedInPlace() {
        llm.enqueue(todos("in_progress", "pending"), todos("completed", "in_progress"), todos("completed", "completed"),
                LlmReply.text("Both done."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);

        mattermost.reply(alice, aliceDm.id(), root.id(), "plan and do it");

        awaitThreadContains(root.id(), "Both done.");
        List<EmulatedPost> checklists = botReplies(root.id()).stream()
                .filter(post -> post.message().contains("**Todo**")).toList();
        assertThat(checklists).hasSize(1);
        assertThat(checklists.get(0).message()).isEqualTo(
                ":clipboard: **Todo** · 2/2 done\n- [x] Write the bridge\n- [x] Test the bridge");
        assertThat(checklists.get(0).editAt()).as("the checklist was edited in place").isPositive();
    }

    @Test
    void anHttp500FromTheModelShowsTheRetryWithinSeconds() {
        llm.enqueue(LlmReply.error(500, "fake upstream failure 500"), LlmReply.text("Recovered after the retry."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);

        long prompted = System.nanoTime();
        mattermost.reply(alice, aliceDm.id(), root.id(), "try hard");

        Eventually.await("the retry in the thread", Duration.ofSeconds(10), () -> botReplies(root.id()).stream()
                .filter(post -> post.message().contains("The model call failed (fake upstream failure 500)"))
                .findFirst());
        System.err.printf("[measured] the retry showed %d ms after the prompt%n",
                (System.nanoTime() - prompted) / 1_000_000);
        awaitThreadContains(root.id(), "Recovered after the retry.");
        awaitThreadContains(root.id(), "it went through on retry 1.");
    }

    @Test
    void compactModeKeepsOneActivityPostListingTheCallsWithoutTheirOutput() {
        llm.enqueue(LlmReply.bash("echo one"), LlmReply.bash("echo two"), LlmReply.bash("echo three"),
                LlmReply.text("Three echoes."));
        EmulatedPost root = threadOfANewSession(Map.of("OPENCODE_MM_EDIT_INTERVAL_MS", "",
                "OPENCODE_MM_PROGRESS", "compact"));

        mattermost.reply(alice, aliceDm.id(), root.id(), "echo thrice");

        awaitTheRunsEnd(root);
        List<EmulatedPost> activity = botReplies(root.id()).stream()
                .filter(post -> post.message().contains("**bash**")).toList();
        assertThat(activity).hasSize(1);
        assertThat(activity.get(0).message()).startsWith(":white_check_mark: **Done** · 3 tools · ")
                .contains("**bash** `echo one`", "**bash** `echo two`", "**bash** `echo three`");
        assertThat(threadText(root.id())).doesNotContain("```").contains("Three echoes.");
    }

    @Test
    void offModeShowsOnlyTheAnswer() {
        llm.enqueue(LlmReply.bash("echo quiet"), LlmReply.text("Done quietly."));
        EmulatedPost root = threadOfANewSession(Map.of("OPENCODE_MM_EDIT_INTERVAL_MS", "",
                "OPENCODE_MM_PROGRESS", "off"));

        mattermost.reply(alice, aliceDm.id(), root.id(), "be quiet");

        awaitThreadContains(root.id(), "Done quietly.");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(botReplies(root.id()).stream().map(EmulatedPost::message).toList())
                .containsExactly("Done quietly.");
    }

    @Test
    void aSubAgentsWorkShowsOnItsTaskLineAndItGetsNoThread() {
        llm.enqueue(LlmReply.tool("task", Map.of("description", "Look around", "prompt", "run one command",
                        "subagent_type", "general")),
                LlmReply.bash("echo from-the-sub-agent"), LlmReply.text("Sub-agent done."),
                LlmReply.text("Parent done."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);

        mattermost.reply(alice, aliceDm.id(), root.id(), "delegate");

        awaitThreadContains(root.id(), "Parent done.");
        assertThat(threadText(root.id())).contains(":white_check_mark: **task** Look around · 1 tool · ");
        assertThat(botPostsIn(aliceDm.id()).stream().filter(post -> post.rootId().isEmpty()))
                .as("one thread: the sub-agent gets none").hasSize(1);
    }

    @Test
    void editsTheServerRateLimitsComeLaterButNoneIsLost() {
        llm.enqueue(LlmReply.bash("echo first"), LlmReply.bash("echo second"), LlmReply.bash("echo third"),
                LlmReply.text("All three ran."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);
        mattermost.throttle("PUT /posts/{post_id}/patch", 3, 1);

        mattermost.reply(alice, aliceDm.id(), root.id(), "three commands");

        awaitTheRunsEnd(root);
        assertThat(threadText(root.id())).contains(":white_check_mark: **bash** `echo first`",
                ":white_check_mark: **bash** `echo second`", ":white_check_mark: **bash** `echo third`",
                "All three ran.").doesNotContain(":hourglass");
        assertThat(mattermost.requestCount("PUT /posts/{post_id}/patch")).as("the throttled edits were tried")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPlainAnswerCostsAtMostFourRestRequests() {
        llm.enqueue(LlmReply.text("A plain ", "answer, ", "streamed ", "in ", "pieces."));
        EmulatedPost root = threadOfANewSession(DEFAULTS);
        Map<String, Integer> before = settledRequestCounts();

        mattermost.reply(alice, aliceDm.id(), root.id(), "just answer");

        awaitTheRunsEnd(root);
        Eventually.quietPeriod(Duration.ofSeconds(3));
        Map<String, Integer> cost = requestsSince(before);
        int total = cost.values().stream().mapToInt(Integer::intValue).sum();
        System.err.println("[measured] a plain answer cost " + total + " REST requests: " + cost);
        assertThat(total).as("REST requests for a plain answer: %s", cost).isLessThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "in {0} mode")
    @ValueSource(strings = {"compact", "full"})
    void aRunOfTwentyToolCallsCostsAboutOneRestRequestPerSecond(String mode) {
        List<LlmReply> script = new ArrayList<>();
        for (int step = 1; step <= 20; step++) {
            script.add(LlmReply.bash("sleep 0.3; echo step-" + step));
        }
        script.add(LlmReply.text("Twenty steps done."));
        llm.enqueue(script.toArray(LlmReply[]::new));
        EmulatedPost root = threadOfANewSession(Map.of("OPENCODE_MM_EDIT_INTERVAL_MS", "",
                "OPENCODE_MM_PROGRESS", mode));
        Map<String, Integer> before = settledRequestCounts();

        long prompted = System.nanoTime();
        mattermost.reply(alice, aliceDm.id(), root.id(), "take twenty steps");

        awaitTheRunsEnd(root);
        double seconds = (System.nanoTime() - prompted) / 1e9;
        Eventually.quietPeriod(Duration.ofSeconds(3));
        Map<String, Integer> cost = requestsSince(before);
        int total = cost.values().stream().mapToInt(Integer::intValue).sum();
        System.err.printf("[measured] 20 tool calls in %s mode: %.1f s, %d REST requests (%.2f per second): %s%n",
                mode, seconds, total, total / seconds, cost);
        assertThat(threadText(root.id())).contains("echo step-20", "Twenty steps done.").doesNotContain(":hourglass");
        assertThat(total).as("REST requests for a %.1f s run: %s", seconds, cost)
                .isLessThanOrEqualTo((int) Math.ceil(seconds) + 3);
    }

    /** Waits for the run's closing line; when it does not come, says what the thread showed instead. */
    private void awaitTheRunsEnd(EmulatedPost root) {
        try {
            awaitThreadContains(root.id(), DONE);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; the thread showed: " + botReplies(root.id()).stream()
                    .map(EmulatedPost::message).toList() + "; the model was asked " + llm.requests().size()
                    + " times", timedOut);
        }
    }

    /**
     * The bridge posts a thread's root and then saves the thread's mapping: a reply in between would reach a
     * thread the bridge does not know yet, so the test replies once the state file names the root.
     */
    private EmulatedPost threadOfANewSession(Map<String, String> settings) {
        bridge = startBridge(settings);
        EmulatedPost root = awaitThreadRoot(createSession("Progress"));
        Eventually.awaitTrue("the thread's mapping in the state file", () -> stateFileNames(root.id()));
        return root;
    }

    private boolean stateFileNames(String rootId) {
        try {
            return Files.isRegularFile(mappingFile) && Files.readString(mappingFile).contains(rootId);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The request counts once the bridge has finished starting: its websocket is up and no request came for a
     * second (it lists its channels and reads where each stands when it connects), so that what is counted
     * next is the run's cost alone.
     */
    private Map<String, Integer> settledRequestCounts() {
        Eventually.awaitTrue("the bridge's websocket", () -> mattermost.openConnections() > 0);
        return Eventually.await("the bridge to settle", () -> {
            Map<String, Integer> before = mattermost.requestCounts();
            Eventually.quietPeriod(Duration.ofSeconds(1));
            return Optional.of(before).filter(mattermost.requestCounts()::equals);
        });
    }

    /** The requests the emulator received since {@code before}, per endpoint, the websocket's upgrades left out. */
    private Map<String, Integer> requestsSince(Map<String, Integer> before) {
        Map<String, Integer> since = new TreeMap<>();
        mattermost.requestCounts().forEach((endpoint, count) -> {
            int added = count - before.getOrDefault(endpoint, 0);
            if (added > 0 && !endpoint.equals("GET /websocket")) {
                since.put(endpoint, added);
            }
        });
        return since;
    }

    private static String closingLine(String thread) {
        return thread.substring(thread.lastIndexOf(DONE));
    }

    private static LlmReply todos(String first, String second) {
        return LlmReply.tool("todowrite", Map.of("todos", List.of(
                Map.of("content", "Write the bridge", "status", first, "priority", "high"),
                Map.of("content", "Test the bridge", "status", second, "priority", "medium"))));
    }
}
