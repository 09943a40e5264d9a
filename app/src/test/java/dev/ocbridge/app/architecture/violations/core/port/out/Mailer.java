package dev.ocbridge.app.architecture.violations.core.port.out;

/** Breaks "driven ports end in Port or Store". */
public interface Mailer {
    void send(String text);
}
