package dev.ocbridge.app.bench;

import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The flight recordings of the measured round when {@code bench.profile} asks for them: of the bridge and of the
 * benchmark's own JVM, started just before the round and stopped right after it, then summarised for the report.
 */
final class RoundProfiler {
    private final FlightRecorder recorder;
    private final Recording here;
    private final long bridgePid;
    private final Path bridgeFile;
    private final Path benchFile;

    private RoundProfiler(BenchSettings settings, long bridgePid) {
        this.bridgePid = bridgePid;
        this.bridgeFile = settings.outputDirectory().resolve("bridge-" + settings.sessions() + ".jfr");
        this.benchFile = settings.outputDirectory().resolve("bench-" + settings.sessions() + ".jfr");
        this.recorder = new FlightRecorder(settings.outputDirectory());
        recorder.startIn(bridgePid);
        this.here = recorder.startHere();
    }

    /** Starts recording, or returns null when the run is not profiled. */
    static RoundProfiler startIfAsked(BenchSettings settings, long bridgePid) {
        return settings.profile() ? new RoundProfiler(settings, bridgePid) : null;
    }

    /** Stops both recordings, writes them and returns their summaries. */
    String stop() throws IOException {
        recorder.stopIn(bridgePid, bridgeFile);
        here.stop();
        here.dump(benchFile);
        here.close();
        return new BenchReport()
                .line("").line("== Profile of the bridge during the round (%s) ==", bridgeFile)
                .text(FlightRecordingSummary.of(bridgeFile, 12))
                .line("").line("== Profile of the benchmark's JVM: emulator and fake LLM (%s) ==", benchFile)
                .text(FlightRecordingSummary.of(benchFile, 8))
                .toString();
    }
}
