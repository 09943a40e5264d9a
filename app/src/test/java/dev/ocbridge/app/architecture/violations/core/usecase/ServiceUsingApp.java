package dev.ocbridge.app.architecture.violations.core.usecase;

/** Breaks "nothing depends on app". */
public class ServiceUsingApp {
    dev.ocbridge.app.architecture.violations.app.Main main;
}
