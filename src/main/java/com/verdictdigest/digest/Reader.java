package com.verdictdigest.digest;

import com.verdictdigest.subscribers.Bookmark;
import java.util.List;

/** The one reader a digest is personalised for: who they are and what they bookmarked. */
public record Reader(long id, String email, List<Bookmark> bookmarks) {
    public Reader {
        bookmarks = List.copyOf(bookmarks);
    }
}
