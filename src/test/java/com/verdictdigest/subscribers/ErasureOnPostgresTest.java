package com.verdictdigest.subscribers;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ErasureTest}, on PostgreSQL. */
@OnPostgres
class ErasureOnPostgresTest extends ErasureTest {
}
