package com.verdictdigest.alerts;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link AlertSenderTest}, on PostgreSQL. */
@OnPostgres
class AlertSenderOnPostgresTest extends AlertSenderTest {
}
