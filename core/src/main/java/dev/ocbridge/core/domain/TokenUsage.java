package dev.ocbridge.core.domain;

/** Tokens spent by one agent step or message. */
public record TokenUsage(long input, long output, long reasoning, long cacheRead, long cacheWrite) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    public long total() {
        return input + output + reasoning + cacheRead + cacheWrite;
    }
}
