package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** How the streamer lays a run out in the thread and how many requests that costs (edit interval 500 ms). */
class RunPostsTest {
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Layout");
    private final ResponseStreamer streamer = new ResponseStreams(kit.chat, kit.scheduler, kit.clock, kit.settings,
            new BridgeTexts(MainDmMode.NEW_SESSION), new SerialQueues(Runnable::run), kit.metrics, kit.mappings)
            .streamerFor(kit.mappings.findBySession(mapping.sessionId())).orElseThrow();
    private int part;

    @Test
    void blocksAndTextShareOnePostInTheOrderTheyCame() {
        streamer.addBlock(() -> "read `a.txt`");
        streamer.addBlock(() -> "read `b.txt`");
        text("Both files say hello.");
        kit.scheduler.runDueTasks();

        assertThat(messages()).containsExactly("read `a.txt`\nread `b.txt`\n\nBoth files say hello.");
    }

    @Test
    void aBlockWhoseContentChangedIsEditedInPlace() {
        AtomicReference<String> line = new AtomicReference<>("bash `make` running");
        ResponseStreamer.Block block = streamer.addBlock(line::get);
        kit.scheduler.runDueTasks();

        line.set("bash `make` done");
        block.changed();
        kit.scheduler.advance(INTERVAL);

        assertThat(messages()).containsExactly("bash `make` done");
        assertThat(kit.chat.edits()).containsExactly("bash `make` done");
    }

    @Test
    void everythingThatChangesWithinOneIntervalCostsOneEdit() {
        AtomicReference<String> line = new AtomicReference<>("step 0");
        ResponseStreamer.Block block = streamer.addBlock(line::get);
        kit.scheduler.runDueTasks();

        for (int step = 1; step <= 5; step++) {
            line.set("step " + step);
            block.changed();
            text(" and more");
            kit.scheduler.advance(Duration.ofMillis(90));
        }
        kit.scheduler.advance(INTERVAL);

        assertThat(kit.chat.edits()).hasSize(1);
        assertThat(messages()).hasSize(1);
        assertThat(messages().get(0)).startsWith("step 5\n\n");
    }

    @Test
    void aFlushThatTookTwoRequestsWaitsTwoIntervalsBeforeTheNext() {
        AtomicReference<String> todo = new AtomicReference<>("- [ ] one");
        ResponseStreamer.Block list = streamer.addPost(todo::get);
        text("Working on it");
        kit.scheduler.runDueTasks();
        assertThat(messages()).hasSize(2);

        todo.set("- [x] one");
        list.changed();
        kit.scheduler.advance(INTERVAL.multipliedBy(2).minusMillis(1));
        assertThat(kit.chat.edits()).isEmpty();
        kit.scheduler.advance(Duration.ofMillis(1));

        assertThat(kit.chat.edits()).containsExactly("- [x] one");
    }

    @Test
    void aPostOfItsOwnIsEditedInPlaceAndWhatFollowsGoesBelowIt() {
        text("Let me plan.");
        AtomicReference<String> todo = new AtomicReference<>("- [ ] plan");
        ResponseStreamer.Block list = streamer.addPost(todo::get);
        text("Planned.");
        kit.scheduler.runDueTasks();

        todo.set("- [x] plan");
        list.changed();
        kit.scheduler.advance(INTERVAL.multipliedBy(3));

        assertThat(messages()).containsExactly("Let me plan.", "- [x] plan", "Planned.");
    }

    @Test
    void whatWaitsIsSentBeforeABreakAndWhatFollowsStartsBelowTheOtherPost() {
        PartId first = text("Before the ");
        kit.scheduler.runDueTasks();
        text(first, "question.");

        streamer.breakHere();
        kit.chat.createPost(NewPost.inThread(mapping.thread(), "Which colour?"));
        text("After the answer.");
        kit.scheduler.advance(INTERVAL);

        assertThat(messages()).containsExactly("Before the question.", "Which colour?", "After the answer.");
    }

    @Test
    void aPostOfTheStreamerGoesBelowEverythingShownSoFar() {
        PartId first = text("Before");
        kit.scheduler.runDueTasks();
        text(first, " it all");

        streamer.post("A notice of its own");
        text("After");
        kit.scheduler.advance(INTERVAL);

        assertThat(messages()).containsExactly("Before it all", "A notice of its own", "After");
    }

    @Test
    void aPromptTheServerRepeatsBreaksTheLayoutOnlyOnce() {
        MessageId prompt = new MessageId("msg_user");
        text("First answer");
        streamer.promptArrived(prompt);
        text("Second part");
        streamer.promptArrived(prompt);
        text("third part");
        kit.scheduler.runDueTasks();
        kit.scheduler.advance(INTERVAL);

        assertThat(messages()).containsExactly("First answer", "Second part\n\nthird part");
    }

    @Test
    void theClosingLineEndsTheLastPostOfTheRunWithoutAPostOfItsOwn() {
        text("The answer.");
        kit.scheduler.runDueTasks();

        streamer.finishRun("Done in 3s");

        assertThat(messages()).containsExactly("The answer.\n\nDone in 3s");
        assertThat(kit.chat.edits()).hasSize(1);
    }

    @Test
    void aClosingLineAfterSomethingElseWasPostedGoesBelowIt() {
        text("The answer.");
        streamer.post("Another post");

        streamer.finishRun("Done in 3s");

        assertThat(messages()).containsExactly("The answer.", "Another post", "Done in 3s");
    }

    @Test
    void aLongRunEditsLessOften() {
        AtomicReference<String> line = new AtomicReference<>("minute 0");
        ResponseStreamer.Block block = streamer.addBlock(line::get);
        kit.scheduler.runDueTasks();
        kit.scheduler.advance(Duration.ofMinutes(5));

        line.set("minute 5");
        block.changed();
        kit.scheduler.runDueTasks();
        line.set("minute 5 and a bit");
        block.changed();
        kit.scheduler.advance(INTERVAL.multipliedBy(3).minusMillis(1));
        assertThat(kit.chat.edits()).containsExactly("minute 5");
        kit.scheduler.advance(Duration.ofMillis(1));

        assertThat(kit.chat.edits()).containsExactly("minute 5", "minute 5 and a bit");
    }

    @Test
    void whenTheChatServerMakesAnEditWaitTheNextOneWaitsAFullIntervalAfterIt() {
        kit.chat.whileEditing(() -> kit.clock.advance(Duration.ofSeconds(3)));
        AtomicReference<String> line = new AtomicReference<>("0");
        ResponseStreamer.Block block = streamer.addBlock(line::get);
        kit.scheduler.runDueTasks();
        line.set("1");
        block.changed();
        kit.scheduler.advance(INTERVAL);
        assertThat(kit.chat.edits()).containsExactly("1");
        kit.chat.whileEditing(() -> { });

        line.set("2");
        block.changed();
        kit.scheduler.advance(INTERVAL.minusMillis(1));
        assertThat(kit.chat.edits()).containsExactly("1");
        kit.scheduler.advance(Duration.ofMillis(1));

        assertThat(kit.chat.edits()).containsExactly("1", "2");
    }

    @Test
    void reasoningIsQuotedAboveTheAnswer() {
        streamer.appendText(new PartId("prt_r"), TextKind.REASONING, "The user wants a greeting.\nKeep it short.");
        streamer.appendText(new PartId("prt_a"), TextKind.ANSWER, "Hello!");
        streamer.finishRun();

        assertThat(messages()).containsExactly(
                "> :thought_balloon: The user wants a greeting.\n> Keep it short.\n\nHello!");
    }

    @Test
    void aBlockChangedAfterItsRunEndedIsNotSentAgain() {
        AtomicReference<String> line = new AtomicReference<>("bash `sleep 9` running");
        ResponseStreamer.Block block = streamer.addBlock(line::get);
        line.set("bash `sleep 9` stopped");
        streamer.finishRun();

        line.set("bash `sleep 9` done after all");
        block.changed();
        kit.scheduler.advance(Duration.ofSeconds(5));

        assertThat(messages()).containsExactly("bash `sleep 9` stopped");
    }

    @Test
    void contentThatShrinksLeavesNoStalePostBehind() {
        AtomicReference<String> output = new AtomicReference<>("x".repeat(10_000) + "\n\n" + "y".repeat(10_000));
        ResponseStreamer.Block block = streamer.addBlock(output::get);
        kit.scheduler.runDueTasks();
        assertThat(messages()).hasSize(2);

        output.set("short now");
        block.changed();
        streamer.finishRun();

        assertThat(messages()).containsExactly("short now");
    }

    private PartId text(String text) {
        PartId id = new PartId("prt_" + ++part);
        text(id, text);
        return id;
    }

    private void text(PartId id, String text) {
        streamer.appendText(id, text);
    }

    private List<String> messages() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size()).stream().map(ChatPost::message).toList();
    }
}
