package dev.ocbridge.app.architecture.violations.core.usecase;

/** A service, known to a port below. */
public class Scheduling {
}
