package com.verdictdigest.catalog;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link VerdictChangesTest}, on PostgreSQL. */
@OnPostgres
class VerdictChangesOnPostgresTest extends VerdictChangesTest {
}
