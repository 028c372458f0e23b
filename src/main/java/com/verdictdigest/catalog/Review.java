package com.verdictdigest.catalog;

/**
 * One reviewer's scorecard for one tool.
 *
 * @param persona     the site's stable persona id (builder, skeptic, futurist, founder)
 * @param personaName its display name ("Builder")
 * @param score       0 to 100
 */
public record Review(String persona, String personaName, int score, Verdict verdict, String take) {
}
