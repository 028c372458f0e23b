package com.verdictdigest.web;

import com.verdictdigest.links.Purpose;
import com.verdictdigest.votes.Ballot;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.votes.Votes;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ship or skip, from the buttons under each tool in the digest: {@code GET /s/{token}?v=ship}
 * names the tool and changes nothing (mail scanners open every link); its button posts the vote
 * with the CSRF value bound to the link, and the reader may change it later from the same link.
 */
final class VotePages {
    private final Pages pages;
    private final ReaderLinks readerLinks;
    private final Votes votes;

    VotePages(Pages pages, ReaderLinks readerLinks, Votes votes) {
        this.pages = pages;
        this.readerLinks = readerLinks;
        this.votes = votes;
    }

    void page(Context ctx) {
        readerLinks.holder(ctx, Purpose.VOTE).ifPresent(h -> {
            String asked = ctx.queryParam("v");
            Optional<Choice> choice = Choice.parse(asked);
            if (asked != null && choice.isEmpty()) {
                badChoice(ctx);
                return;
            }
            ballot(ctx, h).ifPresent(b -> {
                List<String> lines = b.current().map(c -> List.of("Your vote so far: " + c.word() + " it. You can change it here."))
                        .orElse(List.of());
                // The choice clicked in the email comes first and stands out; without one, the vote cast before.
                Optional<Choice> first = choice.or(b::current);
                List<Map<String, Object>> buttons = first.map(f -> List.of(button(f, true), button(other(f), false)))
                        .orElse(List.of(button(Choice.SHIP, true), button(Choice.SKIP, true)));
                render(ctx, h, b, "Ship or skip " + b.toolName() + "?", lines, "", buttons);
            });
        });
    }

    void vote(Context ctx) {
        readerLinks.holder(ctx, Purpose.VOTE).filter(h -> readerLinks.checkCsrf(ctx, h)).ifPresent(h -> {
            Optional<Choice> choice = Choice.parse(ctx.formParam("choice"));
            if (choice.isEmpty()) {
                badChoice(ctx);
                return;
            }
            ballot(ctx, h).ifPresent(b -> {
                Choice c = choice.get();
                String line = switch (votes.cast(h.reader().id(), b.toolSlug(), c, h.link().edition())) {
                    case CAST -> "You voted to " + c.word() + " " + b.toolName() + ".";
                    case CHANGED -> "You changed your vote: " + c.word() + " " + b.toolName() + ".";
                    case UNCHANGED -> "Your vote stays: " + c.word() + " " + b.toolName() + ".";
                    case NOT_SUBSCRIBED -> null;
                };
                if (line == null) {
                    pages.message(ctx, 200, "Only subscribers vote", List.of("This address no longer gets Weekly AI Tool "
                            + "Verdicts, so its vote is not counted. Subscribe again from the manage page to vote."), null, null, null);
                    return;
                }
                render(ctx, h, b, "Thank you for voting", List.of(line, "Changed your mind? The same link changes your vote."),
                        votes.tally(b.toolSlug()).label(), List.of(button(other(c), false)));
            });
        });
    }

    private Optional<Ballot> ballot(Context ctx, ReaderLinks.Holder h) {
        Optional<Ballot> ballot = votes.ballot(h.reader().id(), h.link().toolId());
        if (ballot.isEmpty()) {
            pages.notValid(ctx);
        }
        return ballot;
    }

    private void render(Context ctx, ReaderLinks.Holder h, Ballot b, String title, List<String> lines, String tally,
                        List<Map<String, Object>> buttons) {
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("tagline", b.tagline() == null ? "" : b.tagline());
        values.put("lines", lines);
        values.put("tally", tally);
        values.put("action", ctx.path());
        values.put("csrf", readerLinks.csrf(h));
        values.put("buttons", buttons);
        pages.render(ctx, 200, "vote.html.vm", values);
    }

    private static Map<String, Object> button(Choice c, boolean primary) {
        return Map.of("choice", c.word(), "label", c == Choice.SHIP ? "Ship it" : "Skip it", "primary", primary);
    }

    private static Choice other(Choice c) {
        return c == Choice.SHIP ? Choice.SKIP : Choice.SHIP;
    }

    private void badChoice(Context ctx) {
        pages.message(ctx, 400, "Choose ship or skip", List.of(
                "A vote is either ship or skip. Use the Ship it or Skip it button exactly as it came in the email."),
                null, null, null);
    }
}
