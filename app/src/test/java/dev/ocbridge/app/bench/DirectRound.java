package dev.ocbridge.app.bench;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.inbox.PromptFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * OpenCode's own time for the same load, the yardstick for the bridge: the same prompts (reply-context header
 * included) sent straight to {@code prompt_async} of fresh sessions, all at once, while nothing else runs, until
 * OpenCode has finished every answer.
 */
final class DirectRound {
    /** Prompt calls in flight at once; each returns in milliseconds, so this only bounds the connections. */
    private static final int SENDERS = 64;

    private final BenchWorld world;
    private final String round;
    private final int count;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> returnedAt = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private List<SessionInfo> sessions = List.of();
    private String loadAtStart = "?";

    DirectRound(BenchWorld world, String round, int count) {
        this.world = world;
        this.round = round;
        this.count = count;
    }

    RoundResult run(Supplier<Optional<String>> broken) {
        loadAtStart = ProcessStats.loadAverage();
        sessions = world.createSessions(round, count);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(promptText(i));
        }
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(SENDERS, count));
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < count; i++) {
                SessionInfo session = sessions.get(i);
                String text = texts.get(i);
                senders.execute(() -> send(go, session, text));
            }
            go.countDown();
            Waiting.until("OpenCode to finish every answer of round " + round, world.settings.timeout(),
                    () -> finished() == count,
                    () -> finished() + " of " + count + " answers finished",
                    () -> failures.isEmpty() ? broken.get() : Optional.of(failures.get(0)));
        } finally {
            senders.shutdownNow();
        }
        return result();
    }

    /** The prompt the bridge would send for alice's post in a thread of her DM. */
    private String promptText(int index) {
        ThreadRef thread = new ThreadRef(new ChannelId(world.aliceDm.id()),
                new PostId(String.format("directroot%016d", index)));
        return new PromptFormatter().format(world.alice.username(), thread,
                new PostId(String.format("directpost%016d", index)),
                ScriptedAnswers.prompt(ScriptedAnswers.token(round, index)));
    }

    private void send(CountDownLatch go, SessionInfo session, String text) {
        try {
            go.await();
            sentAt.put(session.id().value(), System.nanoTime());
            world.sessions().sendPrompt(session.id(), Prompt.text(text));
            returnedAt.put(session.id().value(), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add("the prompt for " + session.id() + " failed: " + e);
        }
    }

    private RoundResult result() {
        List<PromptTimes> prompts = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            String session = sessions.get(i).id().value();
            Long finished = world.openCodeEvents.finishedAt(session).orElse(null);
            prompts.add(new PromptTimes(ScriptedAnswers.token(round, i), sentAt.get(session), returnedAt.get(session),
                    world.openCodeEvents.acceptedAt(session).orElse(null),
                    world.answers.firstChunkAt(ScriptedAnswers.token(round, i)).orElse(null),
                    null, finished, finished));
        }
        return new RoundResult(round, prompts, loadAtStart + " -> " + ProcessStats.loadAverage());
    }

    /** Deletes the round's sessions, so that a bridge started later does not adopt them. */
    void deleteSessions() {
        sessions.forEach(session -> world.sessions().deleteSession(session.id()));
    }

    /** What is wrong with the answers OpenCode holds; empty when each session has its own, once asked. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            String token = ScriptedAnswers.token(round, i);
            SessionInfo session = sessions.get(i);
            String answer = world.sessions().latestAnswerText(session.id());
            if (!answer.equals(world.answers.answer(token))) {
                problems.add(token + ": session " + session.id() + " answered '" + answer + "'");
            }
            int requests = world.answers.requestsFor(token).size();
            if (requests != 1) {
                problems.add(token + ": the agent was asked " + requests + " times, not once");
            }
        }
        return problems;
    }

    private long finished() {
        return sessions.stream().filter(session -> world.openCodeEvents.finishedAt(session.id().value()).isPresent())
                .count();
    }
}
