package dev.ocbridge.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one round cost: CPU of each process, the bridge's memory and threads, the REST requests it made to chat
 * (per endpoint, with the time between the first and the last of them), and whether the kernel refused any
 * connection because a listen queue was full (a sign that a fixture, not the bridge, was the limit).
 *
 * @param bridgePeakRssKb    the bridge's largest resident set during the round
 * @param bridgePeakBeforeKb its largest resident set before the round (start, setup, warm-up)
 */
record RoundCosts(Duration wall, Duration bridgeCpu, Duration openCodeCpu, Duration benchCpu, long bridgePeakRssKb,
                  long bridgePeakBeforeKb, long bridgeRssAfterKb, int bridgePeakThreads, long listenOverflows,
                  Map<String, Integer> requests,
                  Map<String, Duration> requestSpread) {

    RoundCosts {
        requests = Map.copyOf(requests);
        requestSpread = Map.copyOf(requestSpread);
    }

    int restRequests() {
        return requests.entrySet().stream().filter(entry -> !entry.getKey().equals("GET /websocket"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Takes the first readings when made and the last at {@link #stop()}. */
    static final class Meter {
        private final BenchWorld world;
        private final ProcessStats bridge;
        private final Map<String, Integer> requestsBefore;
        private final Duration bridgeCpuBefore;
        private final Duration openCodeCpuBefore;
        private final Duration benchCpuBefore;
        private final long overflowsBefore;
        private final long peakBefore;
        private final ResourceSampler sampler;
        private final long start = System.nanoTime();

        Meter(BenchWorld world, ProcessStats bridge) {
            this.world = world;
            this.bridge = bridge;
            this.requestsBefore = world.mattermost.requestCounts();
            this.bridgeCpuBefore = bridge.cpu();
            this.openCodeCpuBefore = world.openCodeCpu();
            this.benchCpuBefore = ProcessStats.cpuOf(ProcessHandle.current());
            this.overflowsBefore = ProcessStats.listenOverflows();
            this.peakBefore = bridge.peakRssKb();
            if (!bridge.resetPeak()) {
                throw new IllegalStateException("cannot reset the peak RSS of process " + bridge.pid());
            }
            this.sampler = new ResourceSampler(bridge);
        }

        RoundCosts stop() {
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            int threads = sampler.peakThreads();
            sampler.close();
            Map<String, Integer> requests = new TreeMap<>();
            Map<String, Duration> spread = new TreeMap<>();
            world.mattermost.requestCounts().forEach((endpoint, count) -> {
                int before = requestsBefore.getOrDefault(endpoint, 0);
                if (count > before) {
                    requests.put(endpoint, count - before);
                    List<Duration> times = world.mattermost.requestTimes(endpoint);
                    spread.put(endpoint, times.get(times.size() - 1).minus(times.get(Math.min(before, times.size() - 1))));
                }
            });
            return new RoundCosts(wall, bridge.cpu().minus(bridgeCpuBefore), world.openCodeCpu().minus(openCodeCpuBefore),
                    ProcessStats.cpuOf(ProcessHandle.current()).minus(benchCpuBefore), bridge.peakRssKb(), peakBefore,
                    bridge.rssKb(), threads, ProcessStats.listenOverflows() - overflowsBefore, requests,
                    spread);
        }
    }
}
