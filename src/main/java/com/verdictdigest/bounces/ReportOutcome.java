package com.verdictdigest.bounces;

/**
 * What one finding of a report led to: the line of {@code bounces read} (its JSON form is stable).
 *
 * @param reader  the id of the reader it was tied to, or null
 * @param edition the edition it was tied to (ISO week), or null
 * @param match   how it was tied: {@code return-path} (the signed per-reader envelope sender),
 *                {@code message-id}, {@code address}, or null
 * @param action  what was done or, in a dry run, what would be done
 */
public record ReportOutcome(Finding finding, Long reader, String edition, String match, String action) {
}
