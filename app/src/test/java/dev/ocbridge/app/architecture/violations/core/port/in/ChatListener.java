package dev.ocbridge.app.architecture.violations.core.port.in;

/** Breaks "driving ports end in Handler". */
public interface ChatListener {
    void onMessage(String text);
}
