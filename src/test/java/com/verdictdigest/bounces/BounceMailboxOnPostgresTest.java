package com.verdictdigest.bounces;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link BounceMailboxTest}, on PostgreSQL. */
@OnPostgres
class BounceMailboxOnPostgresTest extends BounceMailboxTest {
}
