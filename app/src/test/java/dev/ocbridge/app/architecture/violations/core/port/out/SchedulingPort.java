package dev.ocbridge.app.architecture.violations.core.port.out;

/** Breaks "ports do not know services". */
public interface SchedulingPort {
    void run(dev.ocbridge.app.architecture.violations.core.service.Scheduling scheduling);
}
