-- Named statements of the catalog (see store.NamedSql). Bound parameters only.

-- name: find-comparison-id
SELECT id FROM comparison WHERE slug = ?

-- name: comparison-published-at
SELECT published_at FROM comparison WHERE slug = ?

-- name: insert-comparison
INSERT INTO comparison (slug, canonical_url, title, standfirst, published_at, modified_at, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: update-comparison
UPDATE comparison
   SET canonical_url = ?, title = ?, standfirst = ?, published_at = ?, modified_at = ?, imported_at = ?
 WHERE id = ?

-- name: delete-comparison-tools
DELETE FROM comparison_tool WHERE comparison_id = ?

-- name: delete-reviews
DELETE FROM review WHERE comparison_id = ?

-- name: update-tool
UPDATE tool SET name = ?, tagline = ?, updated_at = ? WHERE slug = ?

-- name: insert-tool
INSERT INTO tool (name, tagline, updated_at, slug) VALUES (?, ?, ?, ?)

-- name: insert-comparison-tool
INSERT INTO comparison_tool (comparison_id, side, tool_slug, category, verdict, panel_ship, panel_skip,
                             panel_ship_pct, community_votes, entry, pricing, best_for, description_html)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: insert-review
INSERT INTO review (comparison_id, side, persona, persona_name, position, score, verdict, take)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: comparisons-published-between
SELECT id, slug, canonical_url, title, standfirst, published_at, modified_at
  FROM comparison
 WHERE published_at >= ? AND published_at < ?
 ORDER BY published_at DESC, slug

-- name: tools-of-comparisons
SELECT ct.comparison_id, ct.side, ct.tool_slug, t.name, t.tagline, ct.category, ct.verdict, ct.panel_ship,
       ct.panel_skip, ct.panel_ship_pct, ct.community_votes, ct.entry, ct.pricing, ct.best_for, ct.description_html
  FROM comparison_tool ct
  JOIN tool t ON t.slug = ct.tool_slug
 WHERE ct.comparison_id IN (SELECT id FROM comparison WHERE published_at >= ? AND published_at < ?)

-- name: reviews-of-comparisons
SELECT r.comparison_id, r.side, r.persona, r.persona_name, r.score, r.verdict, r.take
  FROM review r
 WHERE r.comparison_id IN (SELECT id FROM comparison WHERE published_at >= ? AND published_at < ?)
 ORDER BY r.comparison_id, r.side, r.position

-- name: tool-ids
SELECT slug, id FROM tool

-- name: categories
SELECT DISTINCT category FROM comparison_tool ORDER BY category

-- name: panel-verdicts-of-comparison
SELECT tool_slug, verdict FROM comparison_tool WHERE comparison_id = ?

-- name: insert-verdict-change
INSERT INTO verdict_change (tool_slug, comparison_slug, kind, old_verdict, new_verdict, created_at) VALUES (?, ?, ?, ?, ?, ?)
