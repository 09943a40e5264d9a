package dev.ocbridge.app.architecture.violations.core.alpha;

/** With Pong, a cycle between two packages. */
public class Ping {
    dev.ocbridge.app.architecture.violations.core.beta.Pong pong;
}
