package dev.ocbridge.app.architecture.violations.app.config;

/** Breaks "no standard streams outside main-level code": app, but not its main-level package. */
public class ConfigPrinting {
    void complain() {
        System.err.println("bad setting");
    }
}
