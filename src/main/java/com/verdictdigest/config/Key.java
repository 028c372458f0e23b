package com.verdictdigest.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, its default, what a valid value looks like, and how to read it.
 *
 * @param expected what a valid value is, worded to finish "expected ..." in an error line
 * @param secret   a secret's value is never echoed in errors or logs
 */
public record Key<T>(String name, String defaultValue, String description, String expected,
                     Function<String, T> parser, boolean secret) {

    public Key {
        Objects.requireNonNull(name);
        Objects.requireNonNull(defaultValue);
    }

    /** Reads a raw value; an {@link IllegalArgumentException} from the parser means "not valid". */
    T parse(String raw) {
        return parser.apply(raw.strip());
    }

    /** The environment variable that overrides this key: {@code db.url} is {@code VERDICTS_DB_URL}. */
    public String environmentName() {
        return "VERDICTS_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
