package com.verdictdigest.subscribers;

/** A tool as a reader bookmarks it. */
public record Tool(String slug, String name) {
}
