package com.verdictdigest.web;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ReaderLinksTest}, on PostgreSQL. */
@OnPostgres
class ReaderLinksOnPostgresTest extends ReaderLinksTest {
}
