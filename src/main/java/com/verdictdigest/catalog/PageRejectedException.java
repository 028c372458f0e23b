package com.verdictdigest.catalog;

/** A page that breaks the site's markup contract, or could not be read; the message says why. */
public final class PageRejectedException extends Exception {
    public PageRejectedException(String message) {
        super(message);
    }
}
