package dev.ocbridge.app.architecture.violations.core.service;

/** A service, known to a port below. */
public class Scheduling {
}
