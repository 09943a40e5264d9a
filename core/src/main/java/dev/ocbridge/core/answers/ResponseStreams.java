package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ResponseStreamer} per session that has a live thread. */
public final class ResponseStreams {
    private final ChatPort chat;
    private final SchedulerPort scheduler;
    private final Clock clock;
    private final BridgeSettings settings;
    private final BridgeTexts texts;
    private final SerialQueues queues;
    private final TextSplitter splitter;
    private final MetricsPort metrics;
    private final MappingStore store;
    private final Map<SessionId, ResponseStreamer> streamers = new ConcurrentHashMap<>();

    public ResponseStreams(ChatPort chat, SchedulerPort scheduler, Clock clock, BridgeSettings settings,
                           BridgeTexts texts, SerialQueues queues, MetricsPort metrics, MappingStore store) {
        this.chat = chat;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
        this.texts = texts;
        this.queues = queues;
        this.metrics = metrics;
        this.store = store;
        this.splitter = new TextSplitter(Math.min(settings.maxPostLength(), chat.maxPostLength()));
    }

    public Optional<ResponseStreamer> streamerFor(Optional<ThreadMapping> mapping) {
        if (mapping.isEmpty() || !mapping.get().isActive()) {
            return Optional.empty();
        }
        ThreadMapping live = mapping.get();
        SessionId session = live.sessionId();
        return Optional.of(streamers.computeIfAbsent(session, id -> new ResponseStreamer(id, live.thread(), chat,
                scheduler, clock, settings.editInterval(), splitter, texts,
                task -> queues.submit(id, task), metrics, store)));
    }

    /** Each session's waiting text is sent on that session's queue, behind what is already there. */
    public void flushAll() {
        streamers.forEach((session, streamer) -> queues.submit(session, streamer::flushPending));
    }

    /** The session has no streamer, or one with nothing shown or waiting to be sent. */
    public boolean isQuiet(SessionId session) {
        ResponseStreamer streamer = streamers.get(session);
        return streamer == null || streamer.isQuiet();
    }

    /** How many sessions have a streamer now. */
    public int size() {
        return streamers.size();
    }

    public void discard(SessionId session) {
        streamers.remove(session);
    }
}
