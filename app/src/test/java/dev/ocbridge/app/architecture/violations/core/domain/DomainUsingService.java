package dev.ocbridge.app.architecture.violations.core.domain;

/** Breaks "the domain depends on nothing else in core". */
public record DomainUsingService(dev.ocbridge.app.architecture.violations.core.usecase.Scheduling scheduling) {
}
