package com.verdictdigest.admin;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link AdminApiTest}, on PostgreSQL. */
@OnPostgres
class AdminApiOnPostgresTest extends AdminApiTest {
}
