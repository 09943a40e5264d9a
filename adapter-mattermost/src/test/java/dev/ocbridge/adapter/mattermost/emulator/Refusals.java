package dev.ocbridge.adapter.mattermost.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scripted refusals: the next {@code times} requests to an endpoint get a 429 or a server error, or are handled and
 * then lose their answer.
 */
final class Refusals {

    /** The status of a rule that lets the server handle the request and then cuts the connection before answering. */
    static final int LOSE_ANSWER = 0;

    /**
     * {@code status} 429 answers as the rate limiter does ({@code Retry-After} too unless {@code retryAfter} is
     * false); 5xx as a failing server.
     */
    record Rule(String endpoint, int times, int status, int resetSeconds, boolean retryAfter) {
        Rule usedOnce() {
            return new Rule(endpoint, times - 1, status, resetSeconds, retryAfter);
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    /** Threads (by root post id) whose new replies and edits get a 429, with its reset in seconds, until cleared. */
    private final Map<String, Integer> throttledThreads = new HashMap<>();

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    synchronized void clear() {
        rules.clear();
        throttledThreads.clear();
    }

    synchronized void clear(String endpoint) {
        rules.removeIf(rule -> rule.endpoint().equals(endpoint));
    }

    synchronized void throttleThread(String rootId, int resetSeconds) {
        throttledThreads.put(rootId, resetSeconds);
    }

    /** The 429 a change in the thread of {@code rootId} gets now, if that thread is throttled. */
    synchronized Optional<Rule> takeForThread(String endpoint, String rootId) {
        Integer reset = throttledThreads.get(rootId);
        return reset == null ? Optional.empty() : Optional.of(new Rule(endpoint, 1, 429, reset, true));
    }

    /** Uses up one refusal for the endpoint, if one is configured. */
    synchronized Optional<Rule> take(String endpoint) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.endpoint().equals(endpoint) || rule.endpoint().equals(MattermostEmulator.ANY_ENDPOINT)) {
                if (rule.times() <= 1) {
                    rules.remove(i);
                } else {
                    rules.set(i, rule.usedOnce());
                }
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
