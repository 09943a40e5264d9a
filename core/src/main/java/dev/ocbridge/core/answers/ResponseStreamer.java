package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostKey;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.work.RecentlySeen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Owns the posts of one session's runs in its thread, and the only place that creates and edits them: the
 * answer text and whatever else a run shows (blocks rendered by their owners, such as tool progress).
 *
 * <p>A run is a list of sections, each shown in one or more posts: a flow (text parts and blocks, one after
 * the other, continued in a new post before the length limit) or a post of its own. New content goes to the
 * last flow unless something else was posted into the thread after it ({@link #breakHere()}); then it starts
 * below. Changes wait for one flush per edit interval, which sends every changed section at once; a flush that
 * needed several requests waits that many intervals before the next, and the interval grows as a run grows
 * long, so a run costs about one request per interval whatever it does. The first post of a run goes at once.
 *
 * <p>After each flush that went through, what chat shows of each text part is recorded in the store
 * ({@link DeliveredAnswer}), and the record is removed once a run was completed in chat. A streamer made after a
 * restart starts from that record: a part shows only its text beyond what chat shows already, in new posts.
 *
 * <p>All calls arrive on the session's serial queue, so the state needs no locking; scheduled flushes re-enter
 * through that queue.
 */
public final class ResponseStreamer {
    private static final System.Logger LOG = System.getLogger(ResponseStreamer.class.getName());
    private static final int MAX_REMEMBERED = 1_000;
    /**
     * How much of a part's text before its recorded end must end the post left behind for the text after that end
     * to count as shown too: enough that a match by chance is out of the question.
     */
    private static final int CONTEXT = 32;
    /** A run this old edits at twice the interval, twice as old at three times, and so on up to the cap. */
    private static final Duration SLOWER_EVERY = Duration.ofMinutes(2);
    private static final int MAX_SLOWDOWN = 10;

    private final SessionId session;
    private final ThreadRef thread;
    private final ChatPort chat;
    private final SchedulerPort scheduler;
    private final Clock clock;
    private final Duration editInterval;
    private final TextSplitter splitter;
    private final BridgeTexts texts;
    private final Consumer<Runnable> onSessionQueue;
    private final MetricsPort metrics;
    private final MappingStore store;
    private final RecentlySeen<PartId> finishedParts = new RecentlySeen<>(MAX_REMEMBERED);
    private final RecentlySeen<MessageId> prompts = new RecentlySeen<>(MAX_REMEMBERED);

    private RunOutput current;
    /** Runs with changes the chat server has not taken yet, waiting for their retry. */
    private final List<RunOutput> owing = new ArrayList<>();
    private Instant nextFlushNotBefore;
    private String workingLine = "";
    /** What chat shows of the text parts, as last recorded in the store; null when nothing is recorded. */
    private DeliveredAnswer delivered;
    /** What a process before this one left in chat, until its working line was taken away; null when nothing. */
    private DeliveredAnswer leftBehind;
    /** The text of the post that ended the answer when the process before this one stopped; null when unknown. */
    private String lastPostLeftBehind;
    /** A refusal is said once per thread: a server that refuses one edit tends to refuse the next one too. */
    private boolean refusalShown;

    ResponseStreamer(SessionId session, ThreadRef thread, ChatPort chat, SchedulerPort scheduler, Clock clock,
                     Duration editInterval, TextSplitter splitter, BridgeTexts texts,
                     Consumer<Runnable> onSessionQueue, MetricsPort metrics, MappingStore store) {
        this.session = session;
        this.thread = thread;
        this.chat = chat;
        this.scheduler = scheduler;
        this.clock = clock;
        this.editInterval = editInterval;
        this.splitter = splitter;
        this.texts = texts;
        this.onSessionQueue = onSessionQueue;
        this.metrics = metrics;
        this.store = store;
        this.delivered = store.deliveredAnswer(session).orElse(null);
        this.leftBehind = delivered;
        this.current = new RunOutput();
    }

    public ThreadRef thread() {
        return thread;
    }

    /** A piece of the answer, appended to its part. */
    public void appendText(PartId part, String delta) {
        appendText(part, TextKind.ANSWER, delta);
    }

    /** A piece of a part's text; reasoning is shown quoted. */
    public void appendText(PartId part, TextKind kind, String delta) {
        if (finishedParts.contains(part) || delta.isEmpty()) {
            return;
        }
        TextPart target = current.textPart(part, kind);
        if (target.shownFrom > 0 && !target.whole) {
            // Chat shows the start of this part from before a restart, and a delta does not say where in the
            // part it goes: the server's whole text, at the part's end, does.
            return;
        }
        target.text.append(delta);
        current.textArrived(target);
        current.changed(target.flow);
    }

    /** The server's whole text of an answer part; it wins over the summed deltas when they differ. */
    public void replaceText(PartId part, String text) {
        replaceText(part, TextKind.ANSWER, text);
    }

    /** The server's whole text of a part; it wins over the summed deltas when they differ. */
    public void replaceText(PartId part, TextKind kind, String text) {
        if (finishedParts.contains(part)) {
            return;
        }
        TextPart known = current.textParts.get(part);
        if (known != null && known.text.toString().equals(text)) {
            return;
        }
        if (known == null && text.isEmpty()) {
            return;
        }
        TextPart target = current.textPart(part, kind);
        target.whole = true;
        target.text.setLength(0);
        target.text.append(text);
        catchUpWithTheLastPost(target);
        current.textArrived(target);
        current.changed(target.flow);
    }

    /**
     * A block in the run's flow, at the end of it now, whose text its owner renders when the posts are next
     * sent; adjacent blocks are shown on consecutive lines. Blank content shows nothing.
     */
    public Block addBlock(Supplier<String> content) {
        Flow flow = current.openFlow();
        LiveBlock block = new LiveBlock(content);
        flow.pieces.add(block);
        current.changed(flow);
        return new Block(current, flow);
    }

    /** A block shown in a post of its own, below everything shown so far; what follows goes below it. */
    public Block addPost(Supplier<String> content) {
        current.seal();
        Standalone standalone = new Standalone(content);
        current.sections.add(standalone);
        current.changed(standalone);
        return new Block(current, standalone);
    }

    /**
     * A line shown at the end of the run's last flow while the run goes on (where the thread ends, so nobody has
     * to scroll for it); the closing line takes its place when the run ends. It is sent with the flow's text,
     * costing no request of its own.
     */
    public void showWhileWorking(String line) {
        workingLine = line;
    }

    /**
     * A prompt the session received, seen again whenever the server repeats it: the first time, what the
     * agent shows next goes below it.
     */
    public void promptArrived(MessageId prompt) {
        if (prompts.add(prompt)) {
            breakHere();
        }
    }

    /**
     * Something else is posted into the thread now: what is waiting is sent first, so it stays above, and what
     * the run shows next starts below.
     */
    public void breakHere() {
        current.seal();
        if (current.pendingFlush != null) {
            flush(current);
        }
    }

    /** A post of its own in the thread, below everything the run has shown so far. */
    public PostId post(String message) {
        breakHere();
        return chat.createPost(NewPost.inThread(thread, message)).id();
    }

    /** The run ended: flush everything now and start the next answer in a new post. */
    public void finishRun() {
        finishRun("");
    }

    /** The run ended: the closing line goes at the end of what it showed, and everything is flushed now. */
    public void finishRun(String closingLine) {
        finishRun(closingLine, "");
    }

    /** As {@link #finishRun(String)}, with {@code notice} in a post of its own below, sent and retried with it. */
    private void finishRun(String closingLine, String notice) {
        RunOutput finished = current;
        current = new RunOutput();
        finished.finished = true;
        finished.textParts.keySet().forEach(finishedParts::add);
        finished.openLastFlow().ifPresent(last -> last.dirty = true);
        if (!closingLine.isBlank()) {
            Flow last = finished.openFlow();
            last.closingLine = closingLine;
            last.dirty = true;
        }
        if (!notice.isBlank()) {
            Standalone below = new Standalone(() -> notice);
            finished.sealed = true;
            finished.sections.add(below);
            below.dirty = true;
        }
        flush(finished);
        if (finished.firstTextAt != null) {
            metrics.answerCompleted();
        }
    }

    /** Sends what waits for the edit interval now, without ending the run. */
    public void flushPending() {
        if (current.pendingFlush != null) {
            flush(current);
        }
    }

    /**
     * Nothing is shown or waits to be sent: no run has begun since the last one ended, and every run before took
     * its posts. A quiet streamer can be dropped and made anew without anything lost or out of order.
     */
    public boolean isQuiet() {
        return current.sections.isEmpty() && current.pendingFlush == null && owing.isEmpty();
    }

    public void reportError(SessionError error) {
        reportError(error, "");
    }

    /** The bridge's own stop cut the run off (its server stops with it): said below what the run showed. */
    public void interruptedByStop(String closingLine) {
        finishRun(closingLine, texts.runInterruptedByStop());
    }

    /**
     * The run was cut off while the bridge was down (the server never finished it, or the session is gone): said
     * below what the run showed.
     */
    public void interruptedWhileAway() {
        finishRun("", texts.runInterruptedWhileAway());
    }

    /** The run ended in an error: it is said below what the run showed, as surely as the answer itself. */
    public void reportError(SessionError error, String closingLine) {
        finishRun(closingLine, texts.runFailed(error));
    }

    private void scheduleFlush(RunOutput run) {
        if (run.pendingFlush != null) {
            return;
        }
        Instant now = clock.instant();
        Duration delay = nextFlushNotBefore == null || !nextFlushNotBefore.isAfter(now)
                ? Duration.ZERO : Duration.between(now, nextFlushNotBefore);
        scheduleFlush(run, delay);
    }

    private void scheduleFlush(RunOutput run, Duration delay) {
        run.pendingFlush = scheduler.schedule(delay, () -> onSessionQueue.accept(() -> {
            run.pendingFlush = null;
            flush(run);
        }));
    }

    /**
     * Runs go out in the order they ran: one that still owes text (chat was away) goes before the run asked for, so
     * that its later pages never land below a newer run's posts; a run behind one whose retry is pending waits for
     * that retry.
     */
    private void flush(RunOutput run) {
        if (!owing.contains(run)) {
            owing.add(run);
        }
        while (!owing.isEmpty()) {
            RunOutput next = owing.get(0);
            if (next.pendingFlush != null) {
                next.pendingFlush.cancel();
                next.pendingFlush = null;
            }
            if (!send(next)) {
                return;
            }
            owing.remove(next);
        }
    }

    /** False when the chat server could not take it yet: a retry of the run is scheduled. */
    private boolean send(RunOutput run) {
        int requests = 0;
        try {
            requests += clearWorkingLineLeftBehind(run);
            for (Section section : run.sections) {
                if (section.dirty) {
                    requests += section.send();
                    section.dirty = false;
                }
            }
            run.failedAttempts = 0;
            owing.remove(run);
            recordDelivered(run);
            return true;
        } catch (BridgeException e) {
            return !retryLater(run, e);
        } finally {
            run.reportFirstTextShown();
            if (requests > 0) {
                nextFlushNotBefore = clock.instant().plus(interval(run).multipliedBy(requests));
            }
        }
    }

    /**
     * What chat shows now goes to the store, so that a restart neither repeats nor loses it; a run completed in chat
     * (finished, and every run before it took its posts) leaves no record behind.
     */
    private void recordDelivered(RunOutput run) {
        if (run.finished && owing.isEmpty()) {
            if (delivered != null) {
                delivered = null;
                store.removeDeliveredAnswer(session);
            }
            return;
        }
        DeliveredAnswer next = delivered == null ? new DeliveredAnswer(session, Map.of()) : delivered;
        for (Map.Entry<PartId, TextPart> part : run.textParts.entrySet()) {
            next = next.with(part.getKey(), part.getValue().text.length());
        }
        next = next.withWorkingPost(workingPostOf(current).orElse(null), workingLine);
        if (!next.equals(delivered) && !next.parts().isEmpty()) {
            delivered = next;
            store.saveDeliveredAnswer(next);
        }
    }

    /** The post that ends with the working line now, if one does. */
    private Optional<PostId> workingPostOf(RunOutput run) {
        if (workingLine.isBlank()) {
            return Optional.empty();
        }
        return run.openLastFlow().filter(flow -> !flow.pages.isEmpty())
                .map(flow -> flow.pages.get(flow.pages.size() - 1))
                .filter(page -> page.postId != null && page.text.endsWith(workingLine))
                .map(page -> page.postId);
    }

    /**
     * A post that said the agent was working when the bridge stopped says so no longer: a run shows that line only
     * at its end, and the posts from before the restart are not the end any more. Returns the requests it took.
     */
    private int clearWorkingLineLeftBehind(RunOutput run) {
        if (leftBehind == null || leftBehind.workingPostShown().isEmpty()) {
            return 0;
        }
        PostId post = leftBehind.workingPostShown().get();
        String mark = "\n\n" + leftBehind.workingLine();
        int requests = 1;
        try {
            String message = chat.post(post).message();
            if (message.endsWith(mark)) {
                lastPostLeftBehind = message.substring(0, message.length() - mark.length());
                chat.editPost(post, lastPostLeftBehind);
                run.textParts.values().forEach(this::catchUpWithTheLastPost);
                requests++;
            }
        } catch (NotFoundException deleted) {
            LOG.log(System.Logger.Level.DEBUG, "Post {0} of session {1} was gone already", post, session);
        }
        leftBehind = null;
        return requests;
    }

    /**
     * The record is written a moment after the posts (it is batched), so the post that ended the answer at a crash
     * may show more of a part than recorded: what it ends with, up to where it matches the part's text
     * (with {@link #CONTEXT} characters of the recorded text before), counts as shown too.
     */
    private void catchUpWithTheLastPost(TextPart part) {
        if (lastPostLeftBehind == null || part.shownFrom == 0 || !part.whole || part.kind != TextKind.ANSWER) {
            return;
        }
        String text = part.text.toString();
        int recorded = Math.min(part.shownFrom, text.length());
        int from = Math.max(0, recorded - CONTEXT);
        for (int end = text.length(); end > recorded; end--) {
            if (lastPostLeftBehind.endsWith(text.substring(from, end))) {
                part.shownFrom = end;
                return;
            }
        }
    }

    /** The edit interval, longer for a run that has lasted long: nobody watches every second of it. */
    private Duration interval(RunOutput run) {
        long slowdown = 1 + Duration.between(run.startedAt, clock.instant()).toMillis() / SLOWER_EVERY.toMillis();
        return editInterval.multipliedBy(Math.min(MAX_SLOWDOWN, Math.max(1, slowdown)));
    }

    /**
     * A flush the chat server could not take yet is tried again, without end, for as long as the server is away:
     * the sections still changed are sent then, with what they hold by that time, and a post whose creation
     * failed is created with the key it was first tried with. What the server refuses for good is logged and
     * said in the thread once, if the thread takes it.
     *
     * @return whether a retry was scheduled (false: the changes were dropped)
     */
    private boolean retryLater(RunOutput run, BridgeException failure) {
        if (!failure.retryable()) {
            LOG.log(System.Logger.Level.ERROR, "The chat server refused the answer of session " + session
                    + "; what it refused is not shown", failure);
            run.sections.forEach(section -> section.dirty = false);
            tellRefused(failure);
            return false;
        }
        run.failedAttempts++;
        Duration delay = Backoff.UNTIL_CHAT_IS_BACK.delayAfter(run.failedAttempts).orElseThrow();
        LOG.log(System.Logger.Level.WARNING, "Posting the answer of session {0} failed ({1}); retrying in {2}",
                session, failure.getMessage(), delay);
        scheduleFlush(run, delay);
        return true;
    }

    private void tellRefused(BridgeException failure) {
        if (refusalShown) {
            return;
        }
        refusalShown = true;
        try {
            chat.createPost(NewPost.inThread(thread, texts.answerRefused(failure.getMessage())));
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not say in the thread of session {0} that its answer was "
                    + "refused: {1}", session, e.getMessage());
        }
    }

    /** A block's handle for its owner: say when its content changed. */
    public final class Block {
        private final RunOutput run;
        private final Section section;

        private Block(RunOutput run, Section section) {
            this.run = run;
            this.section = section;
        }

        /** Its content changed: it is sent with the next flush. Ignored once its run has ended. */
        public void changed() {
            if (!run.finished) {
                run.changed(section);
            }
        }
    }

    /** What one run shows, in thread order. */
    private final class RunOutput {
        private final List<Section> sections = new ArrayList<>();
        private final Map<PartId, TextPart> textParts = new HashMap<>();
        private final Instant startedAt = clock.instant();
        /** Something else was posted after the last section: new content opens a section below it. */
        private boolean sealed;
        private boolean finished;
        private SchedulerPort.Cancellable pendingFlush;
        private int failedAttempts;
        /** The run's first answer text and when it arrived; null until it did. */
        private TextPart firstText;
        private Instant firstTextAt;
        private boolean firstTextReported;

        private void textArrived(TextPart part) {
            if (firstText == null && part.kind == TextKind.ANSWER) {
                firstText = part;
                firstTextAt = clock.instant();
            }
        }

        private void reportFirstTextShown() {
            if (!firstTextReported && firstText != null
                    && firstText.flow.pages.stream().anyMatch(page -> page.postId != null)) {
                firstTextReported = true;
                metrics.firstTextShown(Duration.between(firstTextAt, clock.instant()));
            }
        }

        private Flow openFlow() {
            Optional<Flow> open = openLastFlow();
            if (open.isPresent()) {
                return open.get();
            }
            Flow flow = new Flow(this);
            sections.add(flow);
            sealed = false;
            return flow;
        }

        /** The flow new content would go to, if there is one: the last section, with nothing posted after it. */
        private Optional<Flow> openLastFlow() {
            Section last = sections.isEmpty() ? null : sections.get(sections.size() - 1);
            return !sealed && last instanceof Flow flow ? Optional.of(flow) : Optional.empty();
        }

        /** Something goes below the last section now; a flow that showed the working line shows it no more. */
        private void seal() {
            openLastFlow().filter(flow -> !workingLine.isBlank()).ifPresent(this::changed);
            sealed = true;
        }

        private TextPart textPart(PartId part, TextKind kind) {
            return textParts.computeIfAbsent(part, id -> {
                Flow flow = openFlow();
                TextPart text = new TextPart(kind, flow, delivered == null ? 0 : delivered.delivered(id));
                flow.pieces.add(text);
                return text;
            });
        }

        private void changed(Section section) {
            section.dirty = true;
            scheduleFlush(this);
        }
    }

    /** A part of a section's text. */
    private interface Piece {
        String render();

        /** Blocks follow each other line by line; text stands apart as a paragraph. */
        boolean isBlock();
    }

    private static final class TextPart implements Piece {
        private final TextKind kind;
        private final Flow flow;
        private final StringBuilder text = new StringBuilder();
        /** How much of the part's text chat showed before a restart: it is not shown again. */
        private int shownFrom;
        /** The text holds the part's whole text from its start, not only the deltas since a restart. */
        private boolean whole;

        private TextPart(TextKind kind, Flow flow, int shownFrom) {
            this.kind = kind;
            this.flow = flow;
            this.shownFrom = shownFrom;
        }

        @Override
        public String render() {
            String shown = text.length() <= shownFrom ? "" : text.substring(shownFrom);
            return kind == TextKind.REASONING ? quoted(shown) : shown;
        }

        @Override
        public boolean isBlock() {
            return false;
        }
    }

    /** The model's reasoning, set apart from the answer as a quote. */
    private static String quoted(String reasoning) {
        String trimmed = reasoning.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return "> :thought_balloon: " + trimmed.replace("\n", "\n> ");
    }

    private static final class LiveBlock implements Piece {
        private final Supplier<String> content;

        private LiveBlock(Supplier<String> content) {
            this.content = content;
        }

        @Override
        public String render() {
            return content.get();
        }

        @Override
        public boolean isBlock() {
            return true;
        }
    }

    /** Shown in one or more posts. */
    private abstract class Section {
        final List<Page> pages = new ArrayList<>();
        boolean dirty;

        abstract String render();

        /** Brings the posts in line with the rendered text; returns the requests it took. */
        int send() {
            // Cut points never move for text that only grows, so a blank chunk stays blank and dropping it keeps
            // pages and chunks aligned.
            List<String> chunks = splitter.split(render()).stream().filter(chunk -> !chunk.isBlank()).toList();
            int requests = 0;
            for (int i = 0; i < chunks.size(); i++) {
                String chunk = chunks.get(i);
                if (i == pages.size()) {
                    pages.add(new Page());
                }
                Page page = pages.get(i);
                if (page.postId == null) {
                    requests += create(page, chunk);
                }
                if (!page.text.equals(chunk)) {
                    requests += editOrRepost(page, chunk);
                }
            }
            while (pages.size() > chunks.size()) {
                // Content that shrank (a block rendered shorter) leaves no stale page behind.
                Page extra = pages.get(pages.size() - 1);
                if (extra.postId != null) {
                    deleteQuietly(extra.postId);
                }
                pages.remove(pages.size() - 1);
                requests++;
            }
            return requests;
        }
    }

    /** Text parts and blocks, one after the other. */
    private final class Flow extends Section {
        private final RunOutput run;
        private final List<Piece> pieces = new ArrayList<>();
        private String closingLine = "";

        private Flow(RunOutput run) {
            this.run = run;
        }

        @Override
        String render() {
            StringBuilder text = new StringBuilder();
            Piece previous = null;
            for (Piece piece : pieces) {
                String rendered = piece.render();
                if (rendered.isBlank()) {
                    continue;
                }
                if (previous != null) {
                    text.append(previous.isBlock() && piece.isBlock() ? "\n" : "\n\n");
                }
                text.append(rendered);
                previous = piece;
            }
            if (!closingLine.isBlank()) {
                text.append(text.length() > 0 ? "\n\n" : "").append(closingLine);
            } else if (text.length() > 0 && !workingLine.isBlank() && !run.finished
                    && run.openLastFlow().filter(this::equals).isPresent()) {
                text.append("\n\n").append(workingLine);
            }
            return text.toString();
        }
    }

    private final class Standalone extends Section {
        private final Supplier<String> content;

        private Standalone(Supplier<String> content) {
            this.content = content;
        }

        @Override
        String render() {
            return content.get();
        }
    }

    /**
     * Creates the page's post under the page's key, the same for every attempt, so that a create whose answer was
     * lost and that is tried again stores one post. The server may answer with the post it stored at an earlier
     * attempt, holding older text: the page keeps what the post really shows, and is edited if that is not the
     * chunk.
     */
    private int create(Page page, String chunk) {
        ChatPost created = chat.createPost(new NewPost(thread.channel(), thread.root(), chunk, List.of(), page.key));
        page.postId = created.id();
        page.text = created.message();
        return 1;
    }

    /**
     * Someone deleted the post the text was growing in: the text goes on in a new post (under a new key, since
     * the old one names the deleted post), not nowhere.
     */
    private int editOrRepost(Page page, String chunk) {
        try {
            chat.editPost(page.postId, chunk);
            page.text = chunk;
            return 1;
        } catch (NotFoundException deleted) {
            LOG.log(System.Logger.Level.INFO, "A post of session {0} was deleted; posting its text anew", session);
            page.postId = null;
            page.key = PostKey.fresh();
            return 1 + create(page, chunk);
        }
    }

    private void deleteQuietly(PostId post) {
        try {
            chat.deletePost(post);
        } catch (NotFoundException gone) {
            LOG.log(System.Logger.Level.DEBUG, "Post {0} of session {1} was gone already", post, session);
        }
    }

    /** One post of a section: its key from the first attempt to create it, its id once it was created. */
    private static final class Page {
        private PostKey key = PostKey.fresh();
        private PostId postId;
        private String text = "";
    }
}
