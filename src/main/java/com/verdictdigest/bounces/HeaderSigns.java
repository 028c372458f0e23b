package com.verdictdigest.bounces;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a message's headers say it is, before its body is read: an automatic answer (RFC 3834), or
 * a mail server's report of a failure.
 */
final class HeaderSigns {
    private static final Pattern AUTO_SUBJECT = Pattern.compile("^(\\[?auto(matic|matische|matisk)?[ -]?(reply|response|responder|antwort|svar|answer)"
            + "|auto:|out of (the )?office|ooo\\b|on (vacation|holiday|leave)|vacation|away from (my|the) (desk|office)|i am (currently )?(away|out)"
            + "|abwesenheit|r[ée]ponse automatique|absence|respuesta autom[aá]tica|fuera de la oficina|risposta automatica"
            + "|automatisch antwoord|afwezig|autosvar|fr[aå]nvaro|thank you for (your|contacting)|we('ve| have) received your"
            + "|(your )?(request|ticket|case) (has been )?(received|#|created))", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|undelivered|not (be )?delivered|delivery (status notification|failure|failed|has failed|problem|notification|report)"
            + "|returned mail|return(ed)? to sender|failure notice|mail delivery (failed|failure|system|subsystem)|non[- ]?delivery|nondeliverable"
            + "|could not (be )?deliver|unable to deliver|unzustellbar|nicht zustellbar|zustellung|non remis|non recapitabile"
            + "|no se pudo entregar|delivery incomplete|rejected|warning: could not send|mail system error|message (delivery )?failure"
            + "|delayed mail|delivery delayed|delay(ed)? (notice|notification)|message you sent .{0,80} (delayed|blocked)|bounce",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAEMON = Pattern.compile("^(mailer[-_]?daemon|postmaster|mail[-_]?delivery|mdaemon|mailadmin|bounce[sd]?|"
            + "mail[-_]?system|no[-_]?reply[-_]?bounce|root|smtp|mailer|mail)@", Pattern.CASE_INSENSITIVE);

    private HeaderSigns() {
    }

    /** An answer that a program wrote for a person (RFC 3834 section 5, and the headers Exchange and others use instead). */
    static boolean autoReply(MimeMessage m, String subject) throws MessagingException {
        String submitted = header(m, "Auto-Submitted");
        if (submitted != null && submitted.toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            return true;
        }
        if (header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null || header(m, "X-Autoresponder") != null
                || header(m, "X-Vacation") != null || header(m, "X-Auto-Response-Suppress") != null) {
            return true;
        }
        String precedence = header(m, "Precedence");
        if (precedence != null && precedence.toLowerCase(Locale.ROOT).contains("auto_reply")) {
            return true;
        }
        return subject != null && AUTO_SUBJECT.matcher(subject.strip()).find();
    }

    /**
     * Sent by a mail server about a message it could not deliver: its sender or its subject says so,
     * or it is a report (RFC 6522) whose machine-readable part was too broken to read.
     */
    static boolean fromMailServer(String from, String subject, MimeMessage m) throws MessagingException {
        return (from != null && DAEMON.matcher(from).find())
                || (subject != null && BOUNCE_SUBJECT.matcher(subject).find())
                || header(m, "X-Failed-Recipients") != null
                || m.isMimeType("multipart/report");
    }

    static String header(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, ",");
        return value == null ? null : value.strip();
    }
}
