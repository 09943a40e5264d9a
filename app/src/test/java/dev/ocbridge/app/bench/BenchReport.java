package dev.ocbridge.app.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures as text: the same report on the console and in the report file. */
final class BenchReport {
    private final StringBuilder out = new StringBuilder();

    BenchReport line(String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
        return this;
    }

    BenchReport text(String text) {
        out.append(text);
        return this;
    }

    /**
     * @param before the prompts sent straight to OpenCode before the bridge ran, {@code after} those sent after it
     *               stopped: the machine is shared, and two baselines show how much its load moved meanwhile
     */
    static BenchReport of(BenchSettings settings, String openCodeVersion, RoundResult bridge, RoundResult before,
                          RoundResult after, RoundCosts costs) {
        BenchReport report = new BenchReport();
        int n = settings.sessions();
        Duration baseline = before.allAnswered().plus(after.allAnswered()).dividedBy(2);
        RoundResult direct = before.with(after);
        report.line("== Load benchmark: %d sessions prompted at once ==", n)
                .line("answers of %d chunks %d ms apart; %d warm-up sessions; bridge JVM options: %s",
                        settings.chunks(), settings.chunkDelay().toMillis(), settings.warmUpSessions(),
                        settings.bridgeJvmOptions().isEmpty() ? "none" : settings.bridgeJvmOptions())
                .line("machine: %d CPUs, Java %s, OpenCode %s%s", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), openCodeVersion,
                        settings.profile() ? "; PROFILED (the recorder adds its own cost to the bridge)" : "")
                .line("")
                .line("all answered (first prompt sent -> last answer complete):")
                .line("  through the bridge              %8s   (OpenCode accepted the last prompt after %s, finished "
                        + "the last answer after %s)", seconds(bridge.allAnswered()), seconds(bridge.allAccepted()),
                        seconds(bridge.allFinishedByOpenCode()))
                .line("  straight to OpenCode, before it %8s   (accepted the last prompt after %s)",
                        seconds(before.allAnswered()), seconds(before.allAccepted()))
                .line("  straight to OpenCode, after it  %8s   (accepted the last prompt after %s)",
                        seconds(after.allAnswered()), seconds(after.allAccepted()))
                .line("  ratio to the mean of the two    %8.2f   (%.2f to the faster, %.2f to the slower)",
                        ratio(bridge.allAnswered(), baseline),
                        ratio(bridge.allAnswered(), min(before.allAnswered(), after.allAnswered())),
                        ratio(bridge.allAnswered(), max(before.allAnswered(), after.allAnswered())))
                .line("  prompts accepted per second: through the bridge %.1f, straight to OpenCode %.1f and %.1f",
                        perSecond(n, bridge.allAccepted()), perSecond(n, before.allAccepted()),
                        perSecond(n, after.allAccepted()))
                .line("")
                .line("%-46s %5s %8s %8s %8s %8s", "latencies (ms)", "n", "p50", "p95", "p99", "max");
        report.latencies("route: post stored -> prompt accepted", bridge.route())
                .latencies("first token: LLM streams it -> stored in chat", bridge.firstToken())
                .latencies("answer: post stored -> answer complete", bridge.answer())
                .latencies("last edit: OpenCode finished -> complete", bridge.lastEdit())
                .latencies("  in OpenCode: accepted -> LLM asked", bridge.acceptedToLlm())
                .latencies("  in OpenCode: LLM first chunk -> finished", bridge.llmToFinished())
                .line("straight to OpenCode (both rounds):")
                .latencies("direct call: prompt_async call -> returned", direct.call())
                .latencies("direct route: prompt call -> accepted", direct.route())
                .latencies("direct answer: prompt call -> finished", direct.answer())
                .latencies("  in OpenCode: accepted -> LLM asked", direct.acceptedToLlm())
                .latencies("  in OpenCode: LLM first chunk -> finished", direct.llmToFinished())
                .line("");
        int rest = costs.restRequests();
        report.line("REST requests to chat per answer: %.2f (%d in the round)", (double) rest / n, rest);
        for (Map.Entry<String, Integer> endpoint : costs.requests().entrySet()) {
            report.line("  %-36s %7.2f per answer, %5d spread over %s", endpoint.getKey(),
                    (double) endpoint.getValue() / n, endpoint.getValue(),
                    seconds(costs.requestSpread().get(endpoint.getKey())));
        }
        report.line("")
                .line("bridge: peak RSS %s in the round (%s before it, %s after it), up to %d threads",
                        megabytes(costs.bridgePeakRssKb()), megabytes(costs.bridgePeakBeforeKb()),
                        megabytes(costs.bridgeRssAfterKb()), costs.bridgePeakThreads())
                .line("CPU time in the round (%s of wall time, %d CPUs): bridge %s, OpenCode %s, benchmark JVM "
                                + "(emulator, fake LLM) %s", seconds(costs.wall()),
                        Runtime.getRuntime().availableProcessors(), seconds(costs.bridgeCpu()),
                        seconds(costs.openCodeCpu()), seconds(costs.benchCpu()))
                .line("machine load average (1 min), start -> end: direct before %s, bridge %s, direct after %s",
                        before.machineLoad(), bridge.machineLoad(), after.machineLoad())
                .line("connections refused for a full listen queue during the round (machine-wide): %d",
                        costs.listenOverflows());
        return report;
    }

    private BenchReport latencies(String what, Latencies latencies) {
        return line("  %-44s %5d %8d %8d %8d %8d", what, latencies.count(), latencies.percentile(50).toMillis(),
                latencies.percentile(95).toMillis(), latencies.percentile(99).toMillis(), latencies.max().toMillis());
    }

    private static double perSecond(int count, Duration time) {
        return time.isZero() ? Double.NaN : count / (time.toNanos() / 1e9);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static double ratio(Duration a, Duration b) {
        return b.isZero() ? Double.NaN : (double) a.toNanos() / b.toNanos();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String megabytes(long kilobytes) {
        return String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
