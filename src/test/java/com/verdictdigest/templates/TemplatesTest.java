package com.verdictdigest.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verdictdigest.catalog.SanitizedHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    @TempDir
    Path dir;

    private Templates with(String name, String body) throws Exception {
        Files.writeString(dir.resolve(name), body);
        return new Templates(dir);
    }

    @Test
    void withoutATemplatesFolderTheBundledCopyServesPagesAndThePartsTheyInclude() {
        Templates bundled = new Templates(dir.resolve("no-such-folder"));
        Map<String, Object> values = new HashMap<>();
        values.put("title", "This link is not valid");
        values.put("lines", List.of("Use the link exactly as it came in the email."));
        values.put("action", null);
        values.put("csrf", "");
        values.put("button", "");
        values.put("linkUrl", null);
        values.put("linkText", "");

        String page = bundled.get("pages/message.html.vm").render(values);

        assertThat(page).contains("<h1>This link is not valid</h1>").contains("</html>"); // top and bottom are #parse'd parts
    }

    @Test
    void htmlTemplatesEscapeEveryValueButTrustedHtml() throws Exception {
        Templates t = with("x.html.vm", "<p title=\"$v\">$v</p>$trusted");
        String out = t.get("x.html.vm").render(Map.of("v", "<script>alert('x')</script> R&D \"q\"",
                "trusted", new SanitizedHtml("<em>ok</em>")));
        assertThat(out).isEqualTo("<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; R&amp;D &quot;q&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; R&amp;D &quot;q&quot;</p><em>ok</em>");
    }

    @Test
    void textTemplatesInsertTextAsItIsWithoutControlCharacters() throws Exception {
        Templates t = with("x.txt.vm", "$v");
        assertThat(t.get("x.txt.vm").render(Map.of("v", "R&D <b>\u0001\u0007 ok"))).isEqualTo("R&D <b> ok");
    }

    @Test
    void pageTextCannotForgeASlotMarker() throws Exception {
        SlotRegistry slots = new SlotRegistry();
        Slot real = slots.slot("unsubscribe");
        Templates t = with("x.html.vm", "$forged|$real");
        String rendered = t.get("x.html.vm").render(Map.of("forged", real.marker(), "real", real));
        StringBuilder out = new StringBuilder();
        SlottedText.parse(rendered, slots).writeTo(out, (id, b) -> b.append("LINK"));
        assertThat(out).hasToString(real.marker().replace("\u0001", "") + "|LINK");
    }

    @Test
    void brokenTemplateIsReportedWithFileLineAndColumn() throws Exception {
        Templates t = with("broken.html.vm", "<p>ok</p>\n<p>#if($x</p>\n");
        assertThatThrownBy(() -> t.get("broken.html.vm"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(dir + "/broken.html.vm:2:");
    }

    @Test
    void misspeltReferenceIsAnErrorNotLiteralText() throws Exception {
        Templates t = with("typo.txt.vm", "line one\nHello $edition.titel\n");
        assertThatThrownBy(() -> t.get("typo.txt.vm").render(Map.of("edition", Map.of("title", "x"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(dir + "/typo.txt.vm:2:7");
    }

    @Test
    void textIsWrappedAtWordsKeepingIndentAndLinksWhole() {
        String link = "https://verdicts.example/" + "x".repeat(70);
        String wrapped = TextWrapper.wrap("  " + "word ".repeat(30) + "\n" + link, 30);
        for (String line : wrapped.split("\n")) {
            assertThat(line.length() <= 30 || line.equals(link)).as(line).isTrue();
        }
        assertThat(wrapped.split("\n")[1]).startsWith("  word");
        assertThat(wrapped).endsWith("\n" + link);
    }
}
