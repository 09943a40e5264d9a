package dev.ocbridge.app.bench;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.app.bench.BridgeRound.SessionThread;
import dev.ocbridge.app.e2e.BridgeProcess;
import dev.ocbridge.core.domain.SessionInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark (docs/benchmark.md): N sessions, each with its thread, prompted at once through the bridge,
 * and the same prompts sent straight to OpenCode before the bridge runs and after it stopped. Prints the report
 * and writes it to the output directory; fails when an answer is missing, incomplete, doubled or in the wrong
 * thread. Not part of {@code verify}: run it with {@code ./mvnw -B -Pbench verify -pl app -am -Dbench.sessions=200}.
 */
class LoadBenchmark {

    @Test
    void sessionsPromptedAtOnceAreEachAnsweredInTheirOwnThread() throws IOException {
        BenchSettings settings = BenchSettings.from(System.getProperties());
        int n = settings.sessions();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        try (BenchWorld world = BenchWorld.start(settings)) {
            Supplier<Optional<String>> openCodeBroken = () -> world.openCodeServer.isRunning()
                    ? world.openCodeEvents.failure().map(Throwable::getMessage) : Optional.of("OpenCode exited");
            List<String> problems = new ArrayList<>();
            RoundResult straightBefore = baselineBeforeTheBridge(world, openCodeBroken, problems);

            BridgeProcess bridge = world.startBridge();
            ProcessStats bridgeStats = new ProcessStats(bridge.pid());
            Supplier<Optional<String>> broken = () -> bridge.isRunning()
                    ? openCodeBroken.get() : Optional.of("the bridge exited");
            List<SessionThread> threads = openThreads(world, n + settings.warmUpSessions(), broken);
            world.awaitQuiet();
            if (settings.warmUpSessions() > 0) {
                BridgeRound warmUp = new BridgeRound(world, "warmup", threads.subList(n, threads.size()));
                warmUp.run(broken);
                problems.addAll(warmUp.problems());
                world.awaitQuiet();
            }

            RoundProfiler profiler = RoundProfiler.startIfAsked(settings, bridge.pid());
            RoundCosts.Meter meter = new RoundCosts.Meter(world, bridgeStats);
            BridgeRound round = new BridgeRound(world, "bridge", threads.subList(0, n));
            RoundResult viaBridge = round.run(broken);
            RoundCosts costs = meter.stop();
            String profile = profiler == null ? "" : profiler.stop();
            world.awaitQuiet();
            problems.addAll(round.problems());

            bridge.stop();
            if (String.join("\n", bridge.output()).contains(world.bot.token())) {
                problems.add("the bridge's output shows the bot token");
            }
            DirectRound after = new DirectRound(world, "after", n);
            RoundResult straightAfter = after.run(openCodeBroken);
            problems.addAll(after.problems());

            String report = BenchReport.of(settings, world.openCodeServer.version(), viaBridge, straightBefore,
                            straightAfter, costs)
                    .text(profile).toString();
            System.out.println(report);
            Files.writeString(output.resolve("report-" + n + (settings.profile() ? "-profiled" : "") + ".txt"), report,
                    StandardCharsets.UTF_8);
            assertThat(problems).as("what is wrong with the answers").isEmpty();
        }
    }

    /**
     * The first baseline, straight to OpenCode before the bridge runs, after a few primer prompts; the sessions go
     * again afterwards, so that the bridge adopts none of them.
     */
    private static RoundResult baselineBeforeTheBridge(BenchWorld world, Supplier<Optional<String>> broken,
                                                       List<String> problems) {
        List<DirectRound> rounds = new ArrayList<>();
        if (world.settings.warmUpSessions() > 0) {
            rounds.add(new DirectRound(world, "primer", world.settings.warmUpSessions()));
            rounds.get(0).run(broken);
        }
        DirectRound before = new DirectRound(world, "before", world.settings.sessions());
        rounds.add(before);
        RoundResult result = before.run(broken);
        for (DirectRound round : rounds) {
            problems.addAll(round.problems());
            round.deleteSessions();
        }
        return result;
    }

    /** Creates the sessions and waits until the bridge has opened a thread for each: setting up, not measured. */
    private static List<SessionThread> openThreads(BenchWorld world, int count, Supplier<Optional<String>> broken) {
        List<SessionInfo> sessions = world.createSessions("setup", count);
        Map<String, String> rootByShortId = new HashMap<>();
        Set<String> matchedRoots = new HashSet<>();
        Waiting.until("a thread for each of the " + count + " sessions", world.settings.timeout(), () -> {
            for (EmulatedPost root : world.chat.botRoots()) {
                if (matchedRoots.contains(root.id())) {
                    continue;
                }
                for (SessionInfo session : sessions) {
                    if (!rootByShortId.containsKey(session.shortId()) && root.message().contains(session.shortId())) {
                        rootByShortId.put(session.shortId(), root.id());
                        matchedRoots.add(root.id());
                        break;
                    }
                }
            }
            return rootByShortId.size() == count;
        }, () -> rootByShortId.size() + " of " + count + " threads opened", broken);
        return sessions.stream().map(session -> new SessionThread(session, rootByShortId.get(session.shortId())))
                .toList();
    }
}
