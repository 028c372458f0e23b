package com.verdictdigest.schedule;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ClusteredScheduleTest}, on PostgreSQL. */
@OnPostgres
class ClusteredScheduleOnPostgresTest extends ClusteredScheduleTest {
}
