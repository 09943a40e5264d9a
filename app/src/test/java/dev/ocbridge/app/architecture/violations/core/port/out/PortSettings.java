package dev.ocbridge.app.architecture.violations.core.port.out;

/** Breaks "port packages hold only interfaces". */
public record PortSettings(String name) {
}
