package com.verdictdigest.app;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ServiceTest}, on PostgreSQL. */
@OnPostgres
class ServiceOnPostgresTest extends ServiceTest {
}
