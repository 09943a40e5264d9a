package dev.ocbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the build. */
final class BridgeVersion {
    private BridgeVersion() {
    }

    static String current() {
        Properties properties = new Properties();
        try (InputStream in = BridgeVersion.class.getResourceAsStream("/bridge-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
