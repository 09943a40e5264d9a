package dev.ocbridge.app.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a flight recording says about where a JVM spent the phase, as text for the report: CPU samples by thread
 * and by method, the waits of a millisecond or more by kind, thread and code (threads of a pool waiting for work
 * are left out: they are idle, not held up), and what the threads were doing in the thread dumps taken every second.
 * Code is named by its frames in this project ({@code dev.ocbridge}), innermost first, so that a socket read shows
 * as the port call that made it.
 */
final class FlightRecordingSummary {
    private static final String OURS = "dev.ocbridge.";
    private static final Pattern NUMBERED = Pattern.compile("[-#]?\\d+");
    /**
     * Waits of these kinds outside our code are threads waiting for work or data (a pool's idle threads, a socket
     * reader between events): idle, not held up. Lock contention, disk and socket writes are kept wherever they are.
     */
    private static final Set<String> IDLE_OUTSIDE_OUR_CODE = Set.of("ThreadPark", "JavaMonitorWait", "SocketRead",
            "FileRead");

    private final int top;
    private final Map<String, Integer> samplesByThread = new HashMap<>();
    private final Map<String, Integer> samplesByMethod = new HashMap<>();
    private final Map<String, Integer> samplesByOurCode = new HashMap<>();
    private final Map<String, Map<String, Duration>> waits = new TreeMap<>();
    private final Map<String, Integer> waitCounts = new HashMap<>();
    private final Map<String, Map<String, Integer>> dumpStates = new TreeMap<>();
    private final Map<String, Map<String, Integer>> dumpWhere = new HashMap<>();
    private final Set<String> groupsRunningOurCode = new HashSet<>();
    private int samples;
    private int dumps;

    private FlightRecordingSummary(int top) {
        this.top = top;
    }

    static String of(Path recording, int top) throws IOException {
        FlightRecordingSummary summary = new FlightRecordingSummary(top);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                summary.add(file.readEvent());
            }
        }
        return summary.text();
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
            sample(event);
        } else if (type.equals("jdk.ThreadDump")) {
            dump(event.getString("result"));
        } else if (FlightRecorder.WAITS.contains(type) || type.equals("jdk.FileForce")) {
            waited(type.substring("jdk.".length()), event);
        }
    }

    private void sample(RecordedEvent event) {
        samples++;
        RecordedThread thread = event.getThread("sampledThread");
        increment(samplesByThread, group(thread == null ? "?" : thread.getJavaName()));
        List<RecordedFrame> frames = frames(event.getStackTrace());
        if (!frames.isEmpty()) {
            increment(samplesByMethod, frame(frames.get(0)));
        }
        String ours = ourCode(frames);
        if (!ours.isEmpty()) {
            increment(samplesByOurCode, ours);
        }
    }

    private void waited(String kind, RecordedEvent event) {
        List<RecordedFrame> frames = frames(event.getStackTrace());
        if (IDLE_OUTSIDE_OUR_CODE.contains(kind) && ourCode(frames).isEmpty()) {
            return;
        }
        RecordedThread thread = event.getThread();
        String where = group(thread == null ? "?" : thread.getJavaName()) + "  " + describe(frames);
        waits.computeIfAbsent(kind, k -> new HashMap<>()).merge(where, event.getDuration(), Duration::plus);
        increment(waitCounts, kind);
    }

    private void dump(String text) {
        if (text == null) {
            return;
        }
        dumps++;
        for (String block : text.split("\n\\s*\n")) {
            String trimmed = block.strip();
            if (!trimmed.startsWith("\"")) {
                continue;
            }
            String name = trimmed.substring(1, Math.max(1, trimmed.indexOf('"', 1)));
            String state = "?";
            List<String> at = new ArrayList<>();
            for (String line : trimmed.split("\n")) {
                String l = line.strip();
                if (l.startsWith("java.lang.Thread.State:")) {
                    state = l.substring("java.lang.Thread.State:".length()).strip().split(" ")[0];
                } else if (l.startsWith("at ")) {
                    at.add(l.substring(3).replaceAll("\\(.*", ""));
                }
            }
            String group = group(name);
            if (at.stream().anyMatch(frame -> frame.startsWith(OURS))) {
                groupsRunningOurCode.add(group);
            }
            increment(dumpStates.computeIfAbsent(group, g -> new TreeMap<>()), state);
            String ours = String.join(" < ", at.stream()
                    .filter(frame -> frame.startsWith(OURS) && !frame.contains("$$Lambda") && !frame.contains(".lambda$"))
                    .limit(3).map(FlightRecordingSummary::shorten).toList());
            String where = ours.isEmpty() ? at.stream().limit(1).map(FlightRecordingSummary::shorten)
                    .findFirst().orElse("(no frames)") : ours;
            increment(dumpWhere.computeIfAbsent(group, g -> new HashMap<>()), state + " " + where);
        }
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CPU samples: %d (every 10 ms of a running thread)%n", samples));
        section(out, "  by thread", samplesByThread, samples);
        section(out, "  by method (innermost frame)", samplesByMethod, samples);
        section(out, "  by our code (innermost dev.ocbridge frames)", samplesByOurCode, samples);
        out.append(String.format(Locale.ROOT, "Waits of 1 ms or more (threads idle outside our code left out):%n"));
        for (Map.Entry<String, Map<String, Duration>> kind : waits.entrySet()) {
            Duration total = kind.getValue().values().stream().reduce(Duration.ZERO, Duration::plus);
            out.append(String.format(Locale.ROOT, "  %s: %d waits, %s in all%n", kind.getKey(),
                    waitCounts.get(kind.getKey()), BenchReport.seconds(total)));
            kind.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.append(String.format(Locale.ROOT, "    %9s  %s%n", BenchReport.seconds(e.getValue()),
                            e.getKey())));
        }
        out.append(String.format(Locale.ROOT, "Threads that ran our code, in the %d thread dumps (threads per dump, by "
                + "state; where the most of them were):%n", dumps));
        for (Map.Entry<String, Map<String, Integer>> group : dumpStates.entrySet()) {
            if (!groupsRunningOurCode.contains(group.getKey())) {
                continue;
            }
            StringBuilder states = new StringBuilder();
            group.getValue().forEach((state, count) -> states.append(String.format(Locale.ROOT, " %s %.1f", state,
                    (double) count / Math.max(1, dumps))));
            out.append("  ").append(group.getKey()).append(':').append(states).append('\n');
            group.getValue().keySet().stream().filter(state -> !state.equals("RUNNABLE")).findAny().ifPresent(any ->
                    dumpWhere.get(group.getKey()).entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                            .forEach(e -> out.append(String.format(Locale.ROOT, "      %.1f  %s%n",
                                    (double) e.getValue() / Math.max(1, dumps), e.getKey()))));
        }
        return out.toString();
    }

    private void section(StringBuilder out, String title, Map<String, Integer> counts, int total) {
        out.append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n",
                        100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    /** Up to four of our frames, innermost first; or the innermost three frames when none is ours. */
    private static String describe(List<RecordedFrame> frames) {
        String ours = ourCode(frames);
        return ours.isEmpty()
                ? String.join(" < ", frames.stream().limit(3).map(frame -> shorten(frame(frame))).toList())
                : ours;
    }

    /** Our frames, innermost first, lambdas left out (they name no use case). */
    private static String ourCode(List<RecordedFrame> frames) {
        return String.join(" < ", frames.stream()
                .filter(frame -> frame.getMethod().getType().getName().startsWith(OURS))
                .filter(frame -> !frame.getMethod().getType().getName().contains("$$Lambda")
                        && !frame.getMethod().getName().startsWith("lambda$"))
                .limit(4)
                .map(frame -> shorten(frame(frame))).toList());
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** {@code dev.ocbridge.core.inbox.ChatInboxService.handlePosted} → {@code ChatInboxService.handlePosted}. */
    private static String shorten(String frame) {
        String[] parts = frame.split("\\.");
        return parts.length < 2 ? frame : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** {@code bridge-worker-12} → {@code bridge-worker}: threads of one pool counted together. */
    private static String group(String threadName) {
        String grouped = NUMBERED.matcher(threadName).replaceAll("");
        return grouped.isBlank() ? threadName : grouped;
    }

    private static void increment(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }
}
