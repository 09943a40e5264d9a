package dev.ocbridge.app.logging;

import org.slf4j.LoggerFactory;

/**
 * Routes {@code System.Logger} (the core, the adapters, the JDK) to SLF4J through {@link ContextLogger}, which
 * adds the session and thread a line is about. Found by the JDK through {@code META-INF/services}.
 */
public final class BridgeLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new ContextLogger(LoggerFactory.getLogger(name));
    }
}
