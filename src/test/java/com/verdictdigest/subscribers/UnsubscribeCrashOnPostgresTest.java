package com.verdictdigest.subscribers;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link UnsubscribeCrashTest}, on PostgreSQL. */
@OnPostgres
class UnsubscribeCrashOnPostgresTest extends UnsubscribeCrashTest {
}
