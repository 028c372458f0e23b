package com.verdictdigest.subscribers;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link SubscriberCsvTest}, on PostgreSQL. */
@OnPostgres
class SubscriberCsvOnPostgresTest extends SubscriberCsvTest {
}
