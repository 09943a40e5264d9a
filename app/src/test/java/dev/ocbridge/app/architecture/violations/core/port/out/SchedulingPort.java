package dev.ocbridge.app.architecture.violations.core.port.out;

/** Breaks "ports know only the domain, the errors and each other". */
public interface SchedulingPort {
    void run(dev.ocbridge.app.architecture.violations.core.usecase.Scheduling scheduling);
}
