package com.verdictdigest.config;

/** A setting that cannot be used; its message is the one line the user sees. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
