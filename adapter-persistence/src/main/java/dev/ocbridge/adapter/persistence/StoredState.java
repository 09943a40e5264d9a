package dev.ocbridge.adapter.persistence;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKey;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content of the state file in domain terms, one mapping per session and one request post per request, each
 * in the order first saved, and what chat shows of each answer not completed yet.
 * {@code otherSections} are top-level members this version does not know (written by a newer bridge of the
 * same format version); they are written back unchanged.
 */
record StoredState(List<ThreadMapping> mappings, Map<ChannelId, ChannelCursor> cursors,
                   Map<String, Object> otherSections, Map<SessionId, PromptChoices> sessionChoices,
                   Map<UserId, PromptChoices> mainDmChoices, List<RequestPost> requestPosts,
                   Map<SessionId, DeliveredAnswer> deliveredAnswers) {

    static final StoredState EMPTY = new StoredState(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
            Map.of());

    StoredState {
        mappings = List.copyOf(mappings);
        cursors = Map.copyOf(cursors);
        // In the order read, so that writing the file again writes the same bytes.
        otherSections = Collections.unmodifiableMap(new LinkedHashMap<>(otherSections));
        sessionChoices = Map.copyOf(sessionChoices);
        mainDmChoices = Map.copyOf(mainDmChoices);
        requestPosts = List.copyOf(requestPosts);
        deliveredAnswers = Map.copyOf(deliveredAnswers);
    }

    Optional<ThreadMapping> mappingOf(SessionId session) {
        return mappings.stream().filter(mapping -> mapping.sessionId().equals(session)).findFirst();
    }

    /** This state with {@code mapping} replacing the one of its session, or added after the others. */
    StoredState withMapping(ThreadMapping mapping) {
        List<ThreadMapping> changed = new ArrayList<>(mappings);
        int index = changed.stream().map(ThreadMapping::sessionId).toList().indexOf(mapping.sessionId());
        if (index < 0) {
            changed.add(mapping);
        } else {
            changed.set(index, mapping);
        }
        return new StoredState(changed, cursors, otherSections, sessionChoices, mainDmChoices, requestPosts, deliveredAnswers);
    }

    /**
     * This state without the mappings that ended before {@code cutoff}, and without what belonged to their sessions
     * (chosen model and agent, request posts, delivered answers); the same instance when none did.
     */
    StoredState withoutMappingsEndedBefore(Instant cutoff) {
        List<ThreadMapping> kept = mappings.stream()
                .filter(mapping -> mapping.ended().map(ended -> !ended.isBefore(cutoff)).orElse(true))
                .toList();
        if (kept.size() == mappings.size()) {
            return this;
        }
        Set<SessionId> gone = mappings.stream().map(ThreadMapping::sessionId).collect(Collectors.toSet());
        kept.forEach(mapping -> gone.remove(mapping.sessionId()));
        Map<SessionId, PromptChoices> keptChoices = new HashMap<>(sessionChoices);
        keptChoices.keySet().removeAll(gone);
        List<RequestPost> keptRequests = requestPosts.stream()
                .filter(request -> !gone.contains(request.sessionId())).toList();
        Map<SessionId, DeliveredAnswer> keptAnswers = new HashMap<>(deliveredAnswers);
        keptAnswers.keySet().removeAll(gone);
        return new StoredState(kept, cursors, otherSections, keptChoices, mainDmChoices, keptRequests, keptAnswers);
    }

    StoredState withCursor(ChannelId channel, ChannelCursor cursor) {
        Map<ChannelId, ChannelCursor> changed = new HashMap<>(cursors);
        changed.put(channel, cursor);
        return new StoredState(mappings, changed, otherSections, sessionChoices, mainDmChoices, requestPosts, deliveredAnswers);
    }

    /** This state with the session's choices replaced; none chosen removes the entry. */
    StoredState withSessionChoices(SessionId session, PromptChoices choices) {
        return new StoredState(mappings, cursors, otherSections, replaced(sessionChoices, session, choices),
                mainDmChoices, requestPosts, deliveredAnswers);
    }

    StoredState withMainDmChoices(UserId user, PromptChoices choices) {
        return new StoredState(mappings, cursors, otherSections, sessionChoices,
                replaced(mainDmChoices, user, choices), requestPosts, deliveredAnswers);
    }

    private static <K> Map<K, PromptChoices> replaced(Map<K, PromptChoices> all, K key, PromptChoices choices) {
        Map<K, PromptChoices> changed = new HashMap<>(all);
        if (choices.isEmpty()) {
            changed.remove(key);
        } else {
            changed.put(key, choices);
        }
        return changed;
    }

    Optional<RequestPost> requestPostOf(RequestKey key) {
        return requestPosts.stream().filter(post -> post.key().equals(key)).findFirst();
    }

    /** This state with {@code post} replacing the one of its request, or added after the others. */
    StoredState withRequestPost(RequestPost post) {
        List<RequestPost> changed = new ArrayList<>(requestPosts);
        int index = changed.stream().map(RequestPost::key).toList().indexOf(post.key());
        if (index < 0) {
            changed.add(post);
        } else {
            changed.set(index, post);
        }
        return new StoredState(mappings, cursors, otherSections, sessionChoices, mainDmChoices, changed, deliveredAnswers);
    }

    StoredState withoutRequestPost(RequestKey key) {
        List<RequestPost> changed = new ArrayList<>(requestPosts);
        changed.removeIf(post -> post.key().equals(key));
        return new StoredState(mappings, cursors, otherSections, sessionChoices, mainDmChoices, changed, deliveredAnswers);
    }

    /** This state with the record of the answer's session replaced, or without it when {@code answer} is null. */
    StoredState withDeliveredAnswer(SessionId session, DeliveredAnswer answer) {
        Map<SessionId, DeliveredAnswer> changed = new HashMap<>(deliveredAnswers);
        if (answer == null) {
            changed.remove(session);
        } else {
            changed.put(session, answer);
        }
        return new StoredState(mappings, cursors, otherSections, sessionChoices, mainDmChoices, requestPosts, changed);
    }
}
