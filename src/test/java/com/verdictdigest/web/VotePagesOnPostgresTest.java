package com.verdictdigest.web;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link VotePagesTest}, on PostgreSQL. */
@OnPostgres
class VotePagesOnPostgresTest extends VotePagesTest {
}
