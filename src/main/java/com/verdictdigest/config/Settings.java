package com.verdictdigest.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The validated configuration. Layers, later ones winning: the built-in defaults of {@link Keys},
 * an optional properties file ({@code --config FILE}), then {@code VERDICTS_*} environment variables.
 * Every value is checked at load time so that a bad setting stops start-up, not a send hours later.
 */
public final class Settings {
    private final Map<Key<?>, Object> values;

    private Settings(Map<Key<?>, Object> values) {
        this.values = values;
    }

    /**
     * @param file        an extra properties file, or null
     * @param environment the process environment (passed in so tests need not mutate the real one)
     */
    public static Settings load(Path file, Map<String, String> environment) {
        Map<String, Key<?>> byName = new HashMap<>();
        Map<String, Key<?>> byEnv = new HashMap<>();
        for (Key<?> key : Keys.ALL) {
            byName.put(key.name(), key);
            byEnv.put(key.environmentName(), key);
        }
        Map<Key<?>, String> raw = new LinkedHashMap<>();
        Map<Key<?>, String> origin = new HashMap<>();
        for (Key<?> key : Keys.ALL) {
            raw.put(key, key.defaultValue());
            origin.put(key, "default");
        }
        if (file != null) {
            Properties props = readProperties(file);
            for (String name : props.stringPropertyNames()) {
                Key<?> key = byName.get(name);
                if (key == null) {
                    throw new ConfigException("config: unknown key '" + name + "' in " + file);
                }
                raw.put(key, props.getProperty(name));
                origin.put(key, file.toString());
            }
        }
        for (Map.Entry<String, String> env : environment.entrySet()) {
            if (!env.getKey().startsWith("VERDICTS_")) {
                continue;
            }
            Key<?> key = byEnv.get(env.getKey());
            if (key == null) {
                throw new ConfigException("config: unknown environment variable " + env.getKey()
                        + " (no configuration key maps to it)");
            }
            raw.put(key, env.getValue());
            origin.put(key, "environment variable " + env.getKey());
        }
        Map<Key<?>, Object> parsed = new HashMap<>();
        raw.forEach((key, value) -> parsed.put(key, parse(key, value, origin.get(key))));
        return new Settings(parsed);
    }

    private static Object parse(Key<?> key, String value, String origin) {
        try {
            return key.parse(value);
        } catch (RuntimeException e) {
            String shown = key.secret() ? "(hidden)" : "'" + value + "'";
            throw new ConfigException("config: " + key.name() + " = " + shown + " (from " + origin
                    + ") is not valid: expected " + key.expected());
        }
    }

    private static Properties readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config: file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
        return props;
    }

    /** A copy with one key changed, for commands whose options override a setting. */
    public <T> Settings with(Key<T> key, String rawValue) {
        Map<Key<?>, Object> copy = new HashMap<>(values);
        copy.put(key, parse(key, rawValue, "command line"));
        return new Settings(copy);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }
}
