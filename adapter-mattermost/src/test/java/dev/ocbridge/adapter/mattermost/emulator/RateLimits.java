package dev.ocbridge.adapter.mattermost.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Configured 429 answers: the next {@code times} requests to an endpoint are refused as over the limit. */
final class RateLimits {

    record Rule(String endpoint, int times, int resetSeconds) {
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(String endpoint, int times, int resetSeconds) {
        rules.add(new Rule(endpoint, times, resetSeconds));
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
                    rules.set(i, new Rule(rule.endpoint(), rule.times() - 1, rule.resetSeconds()));
                }
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
