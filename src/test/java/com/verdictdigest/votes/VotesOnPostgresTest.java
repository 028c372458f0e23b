package com.verdictdigest.votes;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link VotesTest}, on PostgreSQL. */
@OnPostgres
class VotesOnPostgresTest extends VotesTest {
}
