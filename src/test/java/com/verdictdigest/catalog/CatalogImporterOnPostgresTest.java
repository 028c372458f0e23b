package com.verdictdigest.catalog;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link CatalogImporterTest}, on PostgreSQL. */
@OnPostgres
class CatalogImporterOnPostgresTest extends CatalogImporterTest {
}
