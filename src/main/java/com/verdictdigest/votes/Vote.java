package com.verdictdigest.votes;

import com.verdictdigest.week.IsoWeek;
import java.time.Instant;

/**
 * One reader's vote on one tool, for their own copy of their data.
 *
 * @param edition the edition whose email carried the link of the latest choice, or null
 */
public record Vote(String toolSlug, Choice choice, IsoWeek edition, Instant castAt, Instant changedAt) {
}
