package com.verdictdigest.delivery;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link EditionSenderTest}, on PostgreSQL. */
@OnPostgres
class EditionSenderOnPostgresTest extends EditionSenderTest {
}
