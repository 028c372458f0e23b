package com.verdictdigest.web;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link DataPagesTest}, on PostgreSQL. */
@OnPostgres
class DataPagesOnPostgresTest extends DataPagesTest {
}
