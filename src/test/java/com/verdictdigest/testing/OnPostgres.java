package com.verdictdigest.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on PostgreSQL instead of H2: every {@link TestDatabase} it opens is a fresh
 * database on the shared test server. The usual form is a subclass of an H2 test class,
 * {@code @OnPostgres class EditionSenderOnPostgresTest extends EditionSenderTest {}}, so every test
 * runs on both engines. Test classes run one after another (surefire's default).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(OnPostgres.Extension.class)
public @interface OnPostgres {

    /** Switches {@link TestDatabase} to PostgreSQL for the class, and back afterwards. */
    final class Extension implements BeforeAllCallback, AfterAllCallback {
        private static volatile boolean active;

        static boolean active() {
            return active;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            active = true;
        }

        @Override
        public void afterAll(ExtensionContext context) {
            active = false;
        }
    }
}
