package com.verdictdigest.alerts;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link AlertCrashTest}, on PostgreSQL. */
@OnPostgres
class AlertCrashOnPostgresTest extends AlertCrashTest {
}
