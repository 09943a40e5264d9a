package dev.ocbridge.app.bench;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.core.domain.SessionInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One prompt posted by alice in each session's thread, one right after the other, then waiting until every answer
 * is complete in its thread. Afterwards it checks what a person would: each thread holds its own answer, whole and
 * once, and nothing of another session's; and the agent was asked once, with the reply context of that thread.
 */
final class BridgeRound {

    /** A session and the root post of its thread. */
    record SessionThread(SessionInfo session, String rootId) {
    }

    private final BenchWorld world;
    private final String round;
    private final List<SessionThread> threads;
    private final Map<String, String> promptPostIds = new LinkedHashMap<>();
    private String loadAtStart = "?";

    BridgeRound(BenchWorld world, String round, List<SessionThread> threads) {
        this.world = world;
        this.round = round;
        this.threads = List.copyOf(threads);
    }

    RoundResult run(Supplier<Optional<String>> broken) {
        loadAtStart = ProcessStats.loadAverage();
        for (int i = 0; i < threads.size(); i++) {
            String token = ScriptedAnswers.token(round, i);
            world.chat.watch(threads.get(i).rootId(), world.answers.firstChunk(token), world.answers.answer(token));
        }
        for (int i = 0; i < threads.size(); i++) {
            String rootId = threads.get(i).rootId();
            EmulatedPost prompt = world.mattermost.reply(world.alice, world.aliceDm.id(), rootId,
                    ScriptedAnswers.prompt(ScriptedAnswers.token(round, i)));
            promptPostIds.put(rootId, prompt.id());
        }
        Waiting.until("every answer of round " + round + " to be complete in its thread", world.settings.timeout(),
                () -> complete() == threads.size(),
                () -> complete() + " of " + threads.size() + " answers complete, "
                        + accepted() + " prompts accepted by OpenCode",
                broken);
        return result();
    }

    /** The times measured so far, also for a round that did not finish. */
    RoundResult result() {
        List<PromptTimes> prompts = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            SessionThread thread = threads.get(i);
            String token = ScriptedAnswers.token(round, i);
            String session = thread.session().id().value();
            prompts.add(new PromptTimes(token,
                    world.chat.postedAt(thread.rootId()).orElse(null), null,
                    world.openCodeEvents.acceptedAt(session).orElse(null),
                    world.answers.firstChunkAt(token).orElse(null),
                    world.chat.visibleAt(thread.rootId()).orElse(null),
                    world.chat.completeAt(thread.rootId()).orElse(null),
                    world.openCodeEvents.finishedAt(session).orElse(null)));
        }
        return new RoundResult(round, prompts, loadAtStart + " -> " + ProcessStats.loadAverage());
    }

    /** What is wrong with the threads as they are now; empty when every answer is where it belongs. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            String token = ScriptedAnswers.token(round, i);
            String rootId = threads.get(i).rootId();
            String answer = world.answers.answer(token);
            String text = String.join("", world.mattermost.threadOf(rootId).stream()
                    .filter(post -> !post.id().equals(rootId) && post.userId().equals(world.bot.id()))
                    .map(EmulatedPost::message)
                    .toList());
            int first = text.indexOf(answer);
            if (first < 0) {
                problems.add(token + ": the answer is not complete in thread " + rootId);
            } else if (text.indexOf(answer, first + 1) >= 0) {
                problems.add(token + ": the answer is in thread " + rootId + " more than once");
            }
            List<String> strangers = ScriptedAnswers.tokensIn(text).stream().filter(t -> !t.equals(token)).toList();
            if (!strangers.isEmpty()) {
                problems.add(token + ": thread " + rootId + " shows answers of " + strangers);
            }
            List<String> requests = world.answers.requestsFor(token);
            String replyTo = "thread=" + rootId + " post=" + promptPostIds.get(rootId);
            if (requests.size() != 1) {
                problems.add(token + ": the agent was asked " + requests.size() + " times, not once");
            } else if (!requests.get(0).contains(replyTo)) {
                problems.add(token + ": the prompt did not carry '" + replyTo + "'");
            }
        }
        return problems;
    }

    private long complete() {
        return threads.stream().filter(thread -> world.chat.completeAt(thread.rootId()).isPresent()).count();
    }

    private long accepted() {
        return threads.stream()
                .filter(thread -> world.openCodeEvents.acceptedAt(thread.session().id().value()).isPresent())
                .count();
    }
}
