package com.verdictdigest.templates;

/** A template that cannot be parsed or rendered; the message names its file, line and column. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
