package com.verdictdigest.cli;

/** How list commands print: a table for people, JSON for scripts. */
enum OutputFormat { table, json }
