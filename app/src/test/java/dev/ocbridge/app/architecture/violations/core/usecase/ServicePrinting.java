package dev.ocbridge.app.architecture.violations.core.usecase;

/** Breaks "no standard streams outside main-level code". */
public class ServicePrinting {
    void report() {
        System.out.println("progress");
    }
}
