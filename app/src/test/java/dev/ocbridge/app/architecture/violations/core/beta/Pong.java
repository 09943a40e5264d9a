package dev.ocbridge.app.architecture.violations.core.beta;

/** With Ping, a cycle between two packages. */
public class Pong {
    dev.ocbridge.app.architecture.violations.core.alpha.Ping ping;
}
