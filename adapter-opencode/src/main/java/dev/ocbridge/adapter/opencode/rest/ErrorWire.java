package dev.ocbridge.adapter.opencode.rest;

/** A named error with details, as in {@code session.error} and failed assistant messages. */
public record ErrorWire(String name, ErrorDataWire data) {

    /** Only the message is read; the details differ per error name. */
    public record ErrorDataWire(String message) {
    }
}
