package com.verdictdigest.editions;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link EditionStoreTest}, on PostgreSQL. */
@OnPostgres
class EditionStoreOnPostgresTest extends EditionStoreTest {
}
