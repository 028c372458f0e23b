package com.verdictdigest.bounces;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link BounceCrashTest}, on PostgreSQL. */
@OnPostgres
class BounceCrashOnPostgresTest extends BounceCrashTest {
}
