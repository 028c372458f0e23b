package com.verdictdigest.mail;

import com.verdictdigest.config.ConfigException;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;

/**
 * The headers every message carries that do not depend on the reader, and its envelope sender.
 *
 * @param returnPath the envelope sender (where bounces go), or empty for the From address
 * @param returnPathVerp whether each reader's copy has its own signed envelope sender ({@link VerpAddress})
 * @param secret     the site's key: per-reader envelope senders and the Message-IDs of digests are signed with it
 */
public record MailConfig(String from, String replyTo, String unsubscribeMailto, String listId,
                         boolean precedenceBulk, DkimConfig dkim, String returnPath, boolean returnPathVerp, byte[] secret) {

    /** Bounces to the From address, one envelope sender for everyone. */
    public MailConfig(String from, String replyTo, String unsubscribeMailto, String listId, boolean precedenceBulk,
                      DkimConfig dkim, byte[] secret) {
        this(from, replyTo, unsubscribeMailto, listId, precedenceBulk, dkim, "", false, secret);
    }

    /** The envelope sender of every message (where reports come back): mail.return-path, or the From address. */
    public String envelopeFrom() {
        return returnPath.isEmpty() ? bareAddress(from) : bareAddress(returnPath);
    }

    /** The signed per-reader envelope senders, or null when every message has {@link #envelopeFrom}. */
    public VerpAddress verp() {
        return returnPathVerp ? new VerpAddress(envelopeFrom(), secret) : null;
    }

    /** Our Message-IDs: on the From address's domain. */
    public MessageIds messageIds() {
        String address = bareAddress(from);
        return new MessageIds(address.substring(address.indexOf('@') + 1), secret);
    }

    private static String bareAddress(String mailbox) {
        try {
            return new InternetAddress(mailbox, true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a valid mail address: " + mailbox, e);
        }
    }

    /** DKIM signing, or null when not configured. */
    public record DkimConfig(String domain, String selector, Path privateKey) {
    }

    /** @param secret the site's signing key, which per-reader envelope senders and Message-IDs are signed with */
    public static MailConfig from(Settings s, byte[] secret) {
        String domain = s.get(Keys.MAIL_DKIM_DOMAIN);
        String selector = s.get(Keys.MAIL_DKIM_SELECTOR);
        String key = s.get(Keys.MAIL_DKIM_PRIVATE_KEY);
        DkimConfig dkim = domain.isEmpty() || selector.isEmpty() || key.isEmpty() ? null
                : new DkimConfig(domain, selector, Path.of(key));
        String returnPath = s.get(Keys.MAIL_RETURN_PATH);
        boolean verp = s.get(Keys.MAIL_RETURN_PATH_VERP);
        if (verp && returnPath.isEmpty()) {
            throw new ConfigException("config: mail.return-path-verp = true needs mail.return-path (the address the "
                    + "per-reader tokens are added to, such as bounces@verdicts.example)");
        }
        if (verp && returnPath.substring(0, returnPath.lastIndexOf('@')).length() > VerpAddress.MAX_LOCAL) {
            throw new ConfigException("config: mail.return-path = '" + returnPath + "': with mail.return-path-verp its local "
                    + "part may have at most " + VerpAddress.MAX_LOCAL + " characters (the token takes the rest of 64)");
        }
        return new MailConfig(s.get(Keys.MAIL_FROM), s.get(Keys.MAIL_REPLY_TO), s.get(Keys.MAIL_UNSUBSCRIBE_MAILTO),
                s.get(Keys.MAIL_LIST_ID), s.get(Keys.MAIL_PRECEDENCE_BULK), dkim, returnPath, verp, secret);
    }
}
