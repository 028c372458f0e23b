package com.verdictdigest.bounces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a message bounced, and so whether for good: the table of servers' wordings in
 * {@code /bounces/reasons.tsv}, tried in order, then the status codes (RFC 3463 enhanced codes,
 * RFC 5321 reply codes). A table, not code: a new server's wording is one line.
 */
public final class BounceReasons {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern REPLY = Pattern.compile("(?:^|[\\s;:(\"])([45])\\d\\d(?=[\\s-])");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** An upper-case letter that is not an escape such as {@code \\S}. */
    private static final Pattern UPPER_CASE = Pattern.compile("(?<!\\\\)\\p{Lu}");
    /** The server refused once it had read the message (after DATA): it judged the content, whatever its words say of the address. */
    private static final Pattern AFTER_DATA = Pattern.compile("(?i)end of data|after data\\b|>>> data\\b|data command");

    private final List<Reason> reasons;

    private BounceReasons(List<Reason> reasons) {
        this.reasons = List.copyOf(reasons);
    }

    /** A reason of the table. */
    public record Reason(String name, BounceClass bounceClass, Pattern pattern) {
    }

    /** What {@link #classify} concluded. */
    public record Verdict(BounceClass bounceClass, String status, String reason) {
    }

    /** The table shipped in the jar, read once. */
    public static BounceReasons standard() {
        return Standard.TABLE;
    }

    private static final class Standard {
        static final BounceReasons TABLE = load();
    }

    private static BounceReasons load() {
        try (InputStream in = BounceReasons.class.getResourceAsStream("/bounces/reasons.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /bounces/reasons.tsv");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /bounces/reasons.tsv", e);
        }
    }

    static BounceReasons parse(BufferedReader table) throws IOException {
        List<Reason> reasons = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = table.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", 3);
            if (cells.length != 3) {
                throw new IllegalStateException("reasons.tsv line " + number + ": expected reason, class and pattern");
            }
            BounceClass c = BounceClass.valueOf(cells[1].toUpperCase(Locale.ROOT));
            // The words are lower-cased once (in any script) before matching, and the table is written in
            // lower case: matching without case-folding is much cheaper on a long report.
            if (UPPER_CASE.matcher(cells[2]).find()) {
                throw new IllegalStateException("reasons.tsv line " + number + ": write the pattern in lower case");
            }
            // Tried only where a word starts: a reason is a phrase, and this skips most positions of the text.
            reasons.add(new Reason(cells[0], c, Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + cells[2] + ")")));
        }
        return new BounceReasons(reasons);
    }

    /** The first reason whose pattern the words match. */
    public Optional<Reason> reasonOf(String words) {
        String folded = fold(words).toLowerCase(Locale.ROOT);
        for (Reason r : reasons) {
            if (r.pattern().matcher(folded).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Hard or soft for a message that did not arrive. A temporary status (4.x.x, or a 4xx reply) is
     * always soft; otherwise the reason the words give decides; without one it is soft: a permanent
     * status alone does not say the address is gone (a filter, a policy or a broken server also say
     * 5.X.X), and mature classifiers (Sisimai) count only a known hard reason as hard.
     *
     * @param status the enhanced status code the report states, or null
     * @param words  the server's words (a Diagnostic-Code, a bounce's text), or null
     */
    public Verdict classify(String status, String words) {
        String text = words == null ? "" : words;
        String said = enhancedCode(text);
        String code = status != null && ENHANCED.matcher(status).matches() ? status : said;
        if (code != null && code.endsWith(".0.0") && said != null && said.charAt(0) == code.charAt(0)) {
            code = said; // "Status: 5.0.0" (Exim, Courier) with the server's own 5.1.1 in its words
        }
        Optional<Reason> reason = reasonOf(text + (code == null ? "" : " " + code));
        char digit = code != null ? code.charAt(0) : replyDigit(text);
        BounceClass c;
        if (digit == '4') {
            c = BounceClass.SOFT;
        } else if (reason.isPresent() && !(reason.get().bounceClass() == BounceClass.HARD && afterData(code, text))) {
            c = reason.get().bounceClass();
        } else {
            c = BounceClass.SOFT;
        }
        return new Verdict(c, code, reason.map(Reason::name).orElse(null));
    }

    /** A refusal after DATA, without the x.1.1 that would still name the address (a content filter's, as Sisimai counts it). */
    private static boolean afterData(String code, String text) {
        return (code == null || !code.substring(1).startsWith(".1.")) && AFTER_DATA.matcher(text).find();
    }

    /** The first enhanced status code in the words, or null. */
    public static String enhancedCode(String words) {
        Matcher m = ENHANCED.matcher(words);
        return m.find() ? m.group() : null;
    }

    /** The class digit of the first SMTP reply code in the words, or 0. */
    private static char replyDigit(String words) {
        Matcher m = REPLY.matcher(words);
        return m.find() ? m.group(1).charAt(0) : 0;
    }

    /** The words on one line, short enough to store and show. */
    public static String fold(String words) {
        return SPACES.matcher(words).replaceAll(" ").strip();
    }
}
