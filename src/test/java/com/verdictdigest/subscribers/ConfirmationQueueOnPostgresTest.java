package com.verdictdigest.subscribers;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ConfirmationQueueTest}, on PostgreSQL. */
@OnPostgres
class ConfirmationQueueOnPostgresTest extends ConfirmationQueueTest {
}
