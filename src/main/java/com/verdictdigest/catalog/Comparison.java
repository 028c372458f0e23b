package com.verdictdigest.catalog;

import java.net.URI;
import java.time.Instant;

/** One published side-by-side comparison of two tools. */
public record Comparison(String slug, URI canonicalUrl, String title, String standfirst,
                         Instant published, Instant modified, ToolFigures left, ToolFigures right) {
}
