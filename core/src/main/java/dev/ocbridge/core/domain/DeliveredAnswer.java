package dev.ocbridge.core.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What chat shows of a session's run that is not completed in chat yet: per text part of the answer, how many
 * characters of the part's text its posts hold; and the post that ends with the line saying the agent works
 * ({@code workingLine}), if one does. Kept across a restart, so that the next process posts only the text beyond
 * these, takes that line away, and says the run was interrupted when the server never finished it.
 */
public record DeliveredAnswer(SessionId session, Map<PartId, Integer> parts, PostId workingPost, String workingLine) {
    public DeliveredAnswer {
        Checks.require(session, "session id");
        if ((workingPost == null) != (workingLine == null || workingLine.isBlank())) {
            throw new IllegalArgumentException("a working post goes with its working line");
        }
        workingLine = workingPost == null ? null : workingLine;
        parts = Map.copyOf(parts == null ? Map.of() : parts);
        parts.values().forEach(length -> {
            if (length < 0) {
                throw new IllegalArgumentException("a delivered length is never negative: " + length);
            }
        });
    }

    public DeliveredAnswer(SessionId session, Map<PartId, Integer> parts) {
        this(session, parts, null, null);
    }

    public Optional<PostId> workingPostShown() {
        return Optional.ofNullable(workingPost);
    }

    /** This record with the post that shows the working line now, or none. */
    public DeliveredAnswer withWorkingPost(PostId post, String line) {
        return new DeliveredAnswer(session, parts, post, post == null ? null : line);
    }

    /** How many characters of the part's text chat shows; 0 for a part it does not know. */
    public int delivered(PartId part) {
        return parts.getOrDefault(part, 0);
    }

    /** This record with the part's delivered length raised to {@code length}; it never goes down. */
    public DeliveredAnswer with(PartId part, int length) {
        if (length <= delivered(part)) {
            return this;
        }
        Map<PartId, Integer> changed = new LinkedHashMap<>(parts);
        changed.put(part, length);
        return new DeliveredAnswer(session, changed, workingPost, workingLine);
    }
}
