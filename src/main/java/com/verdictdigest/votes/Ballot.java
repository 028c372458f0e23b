package com.verdictdigest.votes;

import java.util.Optional;

/** What a vote page shows: the tool, and the reader's vote on it when they cast one. */
public record Ballot(String toolSlug, String toolName, String tagline, Optional<Choice> current) {
}
