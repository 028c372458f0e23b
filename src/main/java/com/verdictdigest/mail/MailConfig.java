package com.verdictdigest.mail;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.nio.file.Path;

/** The headers every message carries that do not depend on the reader. */
public record MailConfig(String from, String replyTo, String unsubscribeMailto, String listId,
                         boolean precedenceBulk, DkimConfig dkim) {

    /** DKIM signing, or null when not configured. */
    public record DkimConfig(String domain, String selector, Path privateKey) {
    }

    public static MailConfig from(Settings s) {
        String domain = s.get(Keys.MAIL_DKIM_DOMAIN);
        String selector = s.get(Keys.MAIL_DKIM_SELECTOR);
        String key = s.get(Keys.MAIL_DKIM_PRIVATE_KEY);
        DkimConfig dkim = domain.isEmpty() || selector.isEmpty() || key.isEmpty() ? null
                : new DkimConfig(domain, selector, Path.of(key));
        return new MailConfig(s.get(Keys.MAIL_FROM), s.get(Keys.MAIL_REPLY_TO), s.get(Keys.MAIL_UNSUBSCRIBE_MAILTO),
                s.get(Keys.MAIL_LIST_ID), s.get(Keys.MAIL_PRECEDENCE_BULK), dkim);
    }
}
