package com.verdictdigest.schedule;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link DigestSchedulerTest}, on PostgreSQL. */
@OnPostgres
class DigestSchedulerOnPostgresTest extends DigestSchedulerTest {
}
