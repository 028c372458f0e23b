package com.verdictdigest.bounces;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ReportProcessorTest}, on PostgreSQL. */
@OnPostgres
class ReportProcessorOnPostgresTest extends ReportProcessorTest {
}
