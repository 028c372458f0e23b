package com.verdictdigest.delivery;

import com.verdictdigest.testing.OnPostgres;

/** Every test of {@link ReaderPreferencesSendTest}, on PostgreSQL. */
@OnPostgres
class ReaderPreferencesSendOnPostgresTest extends ReaderPreferencesSendTest {
}
