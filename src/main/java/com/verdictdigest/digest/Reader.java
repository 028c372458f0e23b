package com.verdictdigest.digest;

import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import java.util.List;

/** The one reader a digest is personalised for: who they are, what they bookmarked and what they asked to get. */
public record Reader(long id, String email, List<Bookmark> bookmarks, Preferences preferences) {
    public Reader {
        bookmarks = List.copyOf(bookmarks);
    }

    /** A reader with the default preferences (every category, every week). */
    public Reader(long id, String email, List<Bookmark> bookmarks) {
        this(id, email, bookmarks, Preferences.DEFAULT);
    }
}
