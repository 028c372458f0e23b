package com.verdictdigest.digest;

import com.verdictdigest.templates.SlottedText;
import java.util.Set;

/**
 * The layout of an edition around one selection of its comparisons (see {@link Selection}):
 * subject, HTML and text around the comparisons' slot, and the tools that selection features.
 */
record SelectionLayout(String subject, SlottedText html, SlottedText text, Set<String> featuredTools) {
    SelectionLayout {
        featuredTools = Set.copyOf(featuredTools);
    }
}
