package dev.ocbridge.app.architecture.violations.core.agent;

/** A dispatcher, which may call the capabilities below it. */
public class AgentDispatcher {
    dev.ocbridge.app.architecture.violations.core.usecase.Scheduling scheduling;
}
