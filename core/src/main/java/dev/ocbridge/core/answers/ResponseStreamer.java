package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.texts.BridgeTexts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams one session's answer into its thread: the first text creates a post, later text edits it at
 * a bounded rate, and text beyond the post length limit continues in a new post. All calls arrive on the
 * session's serial queue, so the state needs no locking; scheduled flushes re-enter through that queue.
 */
public final class ResponseStreamer {
    private static final System.Logger LOG = System.getLogger(ResponseStreamer.class.getName());
    private static final int MAX_REMEMBERED_PARTS = 1_000;

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
    private final Set<PartId> finishedParts = new LinkedHashSet<>();

    private RunOutput current = new RunOutput();
    private Instant lastFlushAt;

    ResponseStreamer(SessionId session, ThreadRef thread, ChatPort chat, SchedulerPort scheduler, Clock clock,
                     Duration editInterval, TextSplitter splitter, BridgeTexts texts,
                     Consumer<Runnable> onSessionQueue, MetricsPort metrics) {
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
    }

    public ThreadRef thread() {
        return thread;
    }

    public void appendText(PartId part, String delta) {
        if (finishedParts.contains(part) || delta.isEmpty()) {
            return;
        }
        current.textArrived(clock.instant());
        current.parts.computeIfAbsent(part, id -> new StringBuilder()).append(delta);
        scheduleFlush(current);
    }

    /** The server's whole text of a part; it wins over the summed deltas when they differ. */
    public void replaceText(PartId part, String text) {
        if (finishedParts.contains(part)) {
            return;
        }
        StringBuilder known = current.parts.get(part);
        if (known != null && known.toString().equals(text)) {
            return;
        }
        if (known == null && text.isEmpty()) {
            return;
        }
        current.textArrived(clock.instant());
        current.parts.put(part, new StringBuilder(text));
        scheduleFlush(current);
    }

    /** The run ended: flush everything now and start the next answer in a new post. */
    public void finishRun() {
        RunOutput finished = current;
        current = new RunOutput();
        rememberFinished(finished.parts.keySet());
        flush(finished);
        if (finished.firstTextAt != null) {
            metrics.answerCompleted();
        }
    }

    /** Sends the text that waits for the edit interval now, without ending the run. */
    public void flushPending() {
        if (current.pendingFlush != null) {
            flush(current);
        }
    }

    public void reportError(SessionError error) {
        finishRun();
        post(texts.runFailed(error));
    }

    public void post(String message) {
        chat.createPost(NewPost.inThread(thread, message));
    }

    private void rememberFinished(Set<PartId> parts) {
        finishedParts.addAll(parts);
        while (finishedParts.size() > MAX_REMEMBERED_PARTS) {
            finishedParts.remove(finishedParts.iterator().next());
        }
    }

    private void scheduleFlush(RunOutput run) {
        if (run.pendingFlush != null) {
            return;
        }
        Duration delay = Duration.ZERO;
        if (lastFlushAt != null) {
            Duration sinceLast = Duration.between(lastFlushAt, clock.instant());
            delay = sinceLast.compareTo(editInterval) >= 0 ? Duration.ZERO : editInterval.minus(sinceLast);
        }
        scheduleFlush(run, delay);
    }

    private void scheduleFlush(RunOutput run, Duration delay) {
        run.pendingFlush = scheduler.schedule(delay, () -> onSessionQueue.accept(() -> {
            run.pendingFlush = null;
            flush(run);
        }));
    }

    private void flush(RunOutput run) {
        if (run.pendingFlush != null) {
            run.pendingFlush.cancel();
            run.pendingFlush = null;
        }
        try {
            run.send();
            run.failedAttempts = 0;
            lastFlushAt = clock.instant();
        } catch (BridgeException e) {
            retryLater(run, e);
        }
    }

    private void retryLater(RunOutput run, BridgeException failure) {
        run.failedAttempts++;
        Optional<Duration> delay = failure.retryable()
                ? Backoff.CHAT_OUTAGE.delayAfter(run.failedAttempts) : Optional.empty();
        if (delay.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "Giving up posting the answer of session " + session
                    + " after " + run.failedAttempts + " attempts", failure);
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "Posting the answer of session {0} failed ({1}); retrying in {2}",
                session, failure.getMessage(), delay.get());
        scheduleFlush(run, delay.get());
    }

    /** The text of one run and the posts that show it. */
    private final class RunOutput {
        private final Map<PartId, StringBuilder> parts = new LinkedHashMap<>();
        private final List<Page> pages = new ArrayList<>();
        private SchedulerPort.Cancellable pendingFlush;
        private int failedAttempts;
        /** When the run's first text arrived; null until it did. */
        private Instant firstTextAt;

        private void textArrived(Instant now) {
            if (firstTextAt == null) {
                firstTextAt = now;
            }
        }

        private String render() {
            StringBuilder text = new StringBuilder();
            for (StringBuilder part : parts.values()) {
                if (part.toString().isBlank()) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(part);
            }
            return text.toString();
        }

        private void send() {
            // Cut points never move, so a blank chunk stays blank and dropping it keeps pages and chunks aligned.
            List<String> chunks = splitter.split(render()).stream().filter(chunk -> !chunk.isBlank()).toList();
            for (int i = 0; i < chunks.size(); i++) {
                String chunk = chunks.get(i);
                if (i < pages.size()) {
                    Page page = pages.get(i);
                    if (!page.text.equals(chunk)) {
                        editOrRepost(page, chunk);
                    }
                } else {
                    PostId created = chat.createPost(NewPost.inThread(thread, chunk)).id();
                    pages.add(new Page(created, chunk));
                    if (pages.size() == 1) {
                        metrics.firstTextShown(Duration.between(firstTextAt, clock.instant()));
                    }
                }
            }
        }
    }

    /** Someone deleted the post the answer was growing in: the text goes on in a new post, not nowhere. */
    private void editOrRepost(Page page, String chunk) {
        try {
            chat.editPost(page.postId, chunk);
        } catch (NotFoundException deleted) {
            LOG.log(System.Logger.Level.INFO, "An answer post of session {0} was deleted; posting its text anew",
                    session);
            page.postId = chat.createPost(NewPost.inThread(thread, chunk)).id();
        }
        page.text = chunk;
    }

    private static final class Page {
        private PostId postId;
        private String text;

        private Page(PostId postId, String text) {
            this.postId = postId;
            this.text = text;
        }
    }
}
