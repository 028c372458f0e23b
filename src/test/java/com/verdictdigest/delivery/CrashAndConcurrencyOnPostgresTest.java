package com.verdictdigest.delivery;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link CrashAndConcurrencyTest}, on PostgreSQL. */
@OnPostgres
class CrashAndConcurrencyOnPostgresTest extends CrashAndConcurrencyTest {
}
