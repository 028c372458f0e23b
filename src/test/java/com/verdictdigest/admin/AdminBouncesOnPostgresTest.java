package com.verdictdigest.admin;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link AdminBouncesTest}, on PostgreSQL. */
@OnPostgres
class AdminBouncesOnPostgresTest extends AdminBouncesTest {
}
