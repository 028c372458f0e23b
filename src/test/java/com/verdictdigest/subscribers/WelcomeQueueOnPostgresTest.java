package com.verdictdigest.subscribers;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link WelcomeQueueTest}, on PostgreSQL. */
@OnPostgres
class WelcomeQueueOnPostgresTest extends WelcomeQueueTest {
}
