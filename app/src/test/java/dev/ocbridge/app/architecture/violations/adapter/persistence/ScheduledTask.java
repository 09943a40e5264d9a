package dev.ocbridge.app.architecture.violations.adapter.persistence;

/** Implements only a nested helper of a port: no naming rule applies. */
public class ScheduledTask implements dev.ocbridge.app.architecture.violations.core.port.out.ClockPort.Handle {
    @Override
    public void cancel() {
    }
}
