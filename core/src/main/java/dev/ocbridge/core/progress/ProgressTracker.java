package dev.ocbridge.core.progress;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link SessionProgress} per session that has a live thread, showing its work through its streamer. */
public final class ProgressTracker {
    private final ChatPort chat;
    private final SchedulerPort scheduler;
    private final Clock clock;
    private final SerialQueues queues;
    private final ProgressSettings settings;
    private final Map<SessionId, SessionProgress> sessions = new ConcurrentHashMap<>();

    public ProgressTracker(ChatPort chat, SchedulerPort scheduler, Clock clock, SerialQueues queues,
                           ProgressSettings settings) {
        this.chat = chat;
        this.scheduler = scheduler;
        this.clock = clock;
        this.queues = queues;
        this.settings = settings;
    }

    public ProgressSettings settings() {
        return settings;
    }

    /** The progress of the mapping's session, shown through the streamer of its thread. */
    public SessionProgress of(ThreadMapping mapping, ResponseStreamer streamer) {
        return sessions.computeIfAbsent(mapping.sessionId(), session -> new SessionProgress(streamer,
                settings.mode(), mapping.directory(), clock,
                new WorkingIndicator(chat, streamer.thread(), scheduler, task -> queues.submit(session, task))));
    }

    public void discard(SessionId session) {
        sessions.remove(session);
    }
}
