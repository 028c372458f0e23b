package com.verdictdigest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verdictdigest.testing.SitePages;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComparisonPageParserTest {

    @Test
    void seedPageGivesExactlyTheSeedsData() throws Exception {
        Comparison c = ComparisonPageParser.parse(SitePages.seed());

        assertThat(c.slug()).isEqualTo("mistral-3-small-22b-vs-gpt-5-fine-tuning-api");
        assertThat(c.canonicalUrl()).hasToString(
                "https://verdicts.example/compare/mistral-3-small-22b-vs-gpt-5-fine-tuning-api");
        assertThat(c.title()).isEqualTo("Mistral 3 Small (22B) vs GPT-5 Fine-Tuning API");
        assertThat(c.standfirst()).startsWith("Which one should you ship with?")
                .endsWith("and community vote comparison.");
        assertThat(c.published()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(c.modified()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));

        ToolFigures left = c.left();
        assertThat(left.side()).isEqualTo(Side.LEFT);
        assertThat(left.slug()).isEqualTo("mistral-3-small-22b");
        assertThat(left.name()).isEqualTo("Mistral 3 Small (22B)");
        assertThat(left.tagline()).isEqualTo("Open-weight 22B model for edge and consumer hardware inference");
        assertThat(left.category()).isEqualTo("Developer Tools");
        assertThat(left.verdict()).isEqualTo(Verdict.SHIP);
        assertThat(left.panelShip()).isEqualTo(4);
        assertThat(left.panelSkip()).isEqualTo(0);
        assertThat(left.panelShipPercent()).isEqualTo(100);
        assertThat(left.communityVotes()).isZero();
        assertThat(left.entry()).isEqualTo("Free");
        assertThat(left.pricing()).isEqualTo("Free (Apache 2.0 open weights on Hugging Face)");
        assertThat(left.bestFor()).isEqualTo("Open-weight 22B model for edge and consumer hardware inference");
        assertThat(left.description().html()).startsWith("<p>Mistral 3 Small is a 22-billion parameter")
                .endsWith("fits on accessible hardware.</p>");

        ToolFigures right = c.right();
        assertThat(right.slug()).isEqualTo("gpt-5-fine-tuning-api");
        assertThat(right.name()).isEqualTo("GPT-5 Fine-Tuning API");
        assertThat(right.tagline()).isEqualTo("Customize OpenAI's flagship model on your proprietary data");
        assertThat(right.category()).isEqualTo("Developer Tools");
        assertThat(right.verdict()).isEqualTo(Verdict.SHIP);
        assertThat(right.panelShip()).isEqualTo(3);
        assertThat(right.panelSkip()).isEqualTo(1);
        assertThat(right.panelShipPercent()).isEqualTo(75);
        assertThat(right.communityVotes()).isZero();
        assertThat(right.entry()).isEqualTo("Paid");
        assertThat(right.pricing()).isEqualTo("Pay-per-token training costs + elevated inference pricing for "
                + "fine-tuned models (public beta pricing not finalized)");
        assertThat(right.bestFor()).isEqualTo("Customize OpenAI's flagship model on your proprietary data");

        assertThat(left.reviews()).extracting(Review::persona, Review::personaName, Review::score, Review::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("builder", "Builder", 85, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("skeptic", "Skeptic", 78, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("futurist", "Futurist", 82, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("founder", "Founder", 72, Verdict.SHIP));
        assertThat(right.reviews()).extracting(Review::persona, Review::score, Review::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("builder", 82, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("skeptic", 78, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("futurist", 85, Verdict.SHIP),
                        org.assertj.core.groups.Tuple.tuple("founder", 55, Verdict.SKIP));
        assertThat(left.reviews().get(0).take()).startsWith("The primitive is clean: a quantizable 22B transformer")
                .endsWith("that survives the test.");
        assertThat(right.reviews().get(3).take()).startsWith("The buyer here is clear")
                .endsWith("customization you don't control.");
        long ships = Stream.concat(left.reviews().stream(), right.reviews().stream())
                .filter(r -> r.verdict() == Verdict.SHIP).count();
        assertThat(ships).isEqualTo(7);
    }

    @Test
    void charactersXmlForbidsAreDroppedFromThePagesText() throws Exception {
        Document doc = SitePages.seed();
        doc.selectFirst("article h1").text("Alpha\u0001 vs\uFFFE Beta \uD83D\uDE80");

        assertThat(ComparisonPageParser.parse(doc).title()).isEqualTo("Alpha vs Beta \uD83D\uDE80");
    }

    @Test
    void hostileDescriptionIsSanitized() throws Exception {
        Document doc = SitePages.seed();
        doc.selectFirst("div.tool[data-side=left] .description").html(
                "<p style=\"color:red\" onclick=\"steal()\">Fast <strong>and</strong> R&amp;D friendly"
                        + "<script>alert(1)</script></p>"
                        + "<a href=\"javascript:alert(2)\">click</a><iframe src=\"https://evil.example\"></iframe>"
                        + "<a href=\"https://mistral.ai/news\" onmouseover=\"x()\">news</a>"
                        + "<img src=x onerror=alert(3)><form action=/steal><input name=p></form>");

        String html = ComparisonPageParser.parse(doc).left().description().html();

        assertThat(html).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("onmouseover").doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("iframe")
                .doesNotContainIgnoringCase("style=").doesNotContainIgnoringCase("<form")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<input");
        assertThat(html).contains("<strong>and</strong>", "R&amp;D",
                "<a href=\"https://mistral.ai/news\" rel=\"nofollow noopener\">news</a>");
    }

    static Stream<Arguments> brokenPages() {
        return Stream.of(
                broken("no slug", d -> d.selectFirst("article.comparison").removeAttr("data-slug"),
                        "no comparison slug"),
                broken("slug with markup", d -> d.selectFirst("article.comparison").attr("data-slug", "<b>x</b>"),
                        "is not a slug"),
                broken("missing right tool", d -> d.selectFirst("div.tool[data-side=right]").remove(),
                        "missing right tool"),
                broken("score of 140", d -> d.selectFirst(".review .points").text("140"),
                        "builder review of 'mistral-3-small-22b' score 140 is outside 0..100"),
                broken("negative score", d -> d.selectFirst(".review .points").text("-5"),
                        "score -5 is outside 0..100"),
                broken("bad date", d -> d.selectFirst("meta[property=article:published_time]")
                        .attr("content", "last Tuesday"), "article:published_time 'last Tuesday' is not"),
                broken("no date", d -> d.selectFirst("meta[property=article:published_time]").remove(),
                        "no article:published_time date"),
                broken("missing reviewer", d -> d.selectFirst(".reviewer[data-persona=founder]").remove(),
                        "missing reviews: no founder in the scorecard"),
                broken("missing review of one tool",
                        d -> d.selectFirst(".reviewer[data-persona=skeptic] .review[data-tool=gpt-5-fine-tuning-api]")
                                .remove(), "missing reviews: skeptic has no review of the right tool"),
                broken("verdict neither ship nor skip", d -> d.selectFirst(".review .verdict").text("maybe"),
                        "'maybe' is neither ship nor skip"),
                broken("no canonical", d -> d.selectFirst("link[rel=canonical]").remove(), "no canonical address"),
                broken("unreadable panel verdict",
                        d -> d.selectFirst("tr[data-row=panel-verdict] td").text("Ship"), "does not read"),
                broken("panel ship over 100", d -> d.selectFirst(".panel-ship").text("250%"),
                        "is not a percentage from 0 to 100"));
    }

    private static Arguments broken(String name, Consumer<Document> change, String message) {
        return Arguments.of(name, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPages")
    void pageBreakingTheContractIsRefusedWithItsReason(String name, Consumer<Document> change, String message) {
        Document doc = SitePages.seed();
        change.accept(doc);
        assertThatThrownBy(() -> ComparisonPageParser.parse(doc))
                .isInstanceOf(PageRejectedException.class)
                .hasMessageContaining(message);
    }
}
