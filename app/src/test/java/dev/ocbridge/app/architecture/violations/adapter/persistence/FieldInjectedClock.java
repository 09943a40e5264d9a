package dev.ocbridge.app.architecture.violations.adapter.persistence;

/** Breaks "no field injection", "Dagger and inject only in app" and the driven port naming rule. */
public class FieldInjectedClock implements dev.ocbridge.app.architecture.violations.core.port.out.ClockPort {
    @javax.inject.Inject
    java.time.Clock clock;

    @Override
    public java.time.Instant now() {
        return clock.instant();
    }
}
