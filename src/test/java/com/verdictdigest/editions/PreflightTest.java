package com.verdictdigest.editions;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.testing.DigestFixture;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private static final String UNSUBSCRIBE = "https://news.verdicts.example/u/TOKEN";
    private final Preflight preflight = new Preflight(DigestFixture.config("UTC"));

    private static DigestEmail email(String body, String text) {
        return new DigestEmail("s", "<html><body>" + body + "</body></html>", text, UNSUBSCRIBE);
    }

    @Test
    void cleanEmailPasses() {
        assertThat(preflight.check(email("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a><img src=\"https://x.example/a.png\" alt=\"\">",
                "Unsubscribe:\n  " + UNSUBSCRIBE))).isEmpty();
    }

    @Test
    void eachProblemIsOneLine() {
        String body = "<a href=\"/compare/x\">rel</a><a href=\"http://verdicts.example/x\">insecure</a>"
                + "<a href=\"javascript:alert(1)\">js</a><img src=\"https://x.example/a.png\">";
        assertThat(preflight.check(email(body, "no link here\n" + "x".repeat(79)))).containsExactly(
                "relative link '/compare/x' in <a>: emails need absolute links",
                "insecure link 'http://verdicts.example/x': use https",
                "link 'javascript:alert(1)' uses javascript: only https and mailto belong in an email",
                "image without alt text: https://x.example/a.png",
                "no unsubscribe link in the HTML part",
                "no unsubscribe link in the text part",
                "text line 2 is 79 characters, over 78");
    }

    @Test
    void oversizeHtmlIsReported() {
        String body = "<a href=\"" + UNSUBSCRIBE + "\">u</a><p>" + "x".repeat(100_001) + "</p>";
        assertThat(preflight.check(email(body, UNSUBSCRIBE)))
                .singleElement().asString().startsWith("HTML is 100,")
                .endsWith("bytes, over digest.max-html-bytes (100,000); Gmail clips messages past 102 KB");
    }
}
