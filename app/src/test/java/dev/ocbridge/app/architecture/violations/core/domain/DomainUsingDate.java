package dev.ocbridge.app.architecture.violations.core.domain;

/** Breaks "no java.util.Date". */
public record DomainUsingDate(java.util.Date when) {
}
