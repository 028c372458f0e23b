package com.verdictdigest.subscribers;

/** A tool a reader saved, with the name to show for it. */
public record Bookmark(String toolSlug, String toolName) {
}
