package dev.ocbridge.adapter.opencode.rest;

/** Token counts of an assistant message or step. */
public record TokensWire(Long input, Long output, Long reasoning, CacheWire cache) {

    public record CacheWire(Long read, Long write) {
    }
}
