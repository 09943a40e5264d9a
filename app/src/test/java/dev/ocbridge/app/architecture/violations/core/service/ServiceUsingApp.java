package dev.ocbridge.app.architecture.violations.core.service;

/** Breaks "nothing depends on app". */
public class ServiceUsingApp {
    dev.ocbridge.app.architecture.violations.app.Main main;
}
