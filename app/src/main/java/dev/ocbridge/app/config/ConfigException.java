package dev.ocbridge.app.config;

/** A missing or invalid setting; the message names the setting and never contains a secret. */
public final class ConfigException extends RuntimeException {
    public ConfigException(Setting setting, String problem) {
        super(setting.name() + " " + problem);
    }
}
