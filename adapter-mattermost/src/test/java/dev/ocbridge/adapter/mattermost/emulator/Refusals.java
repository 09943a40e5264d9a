package dev.ocbridge.adapter.mattermost.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scripted refusals: the next {@code times} requests to an endpoint get a 429 or a server error, or are handled and
 * then lose their answer.
 */
final class Refusals {

    /**
     * {@code status} 429 answers as the rate limiter does ({@code Retry-After} too unless {@code retryAfter} is
     * false); 5xx as a failing server.
     */
    /** The status of a rule that lets the server handle the request and then cuts the connection before answering. */
    static final int LOSE_ANSWER = 0;

    record Rule(String endpoint, int times, int status, int resetSeconds, boolean retryAfter) {
        Rule usedOnce() {
            return new Rule(endpoint, times - 1, status, resetSeconds, retryAfter);
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    synchronized void clear() {
        rules.clear();
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
