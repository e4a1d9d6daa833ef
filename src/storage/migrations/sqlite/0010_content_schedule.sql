-- Version 10: the calendar. content_items.scheduled_at is the item's schedule instant (UTC,
-- integer milliseconds like every other time column, whole seconds; NULL when the item has no
-- schedule), written by the store from what the app passes and indexed with the workspace.
-- Existing rows are backfilled from their JSON as the codec reads it (codec::parse_rfc3339):
-- "schedule.at" (UTC) when set, else "schedule.suggested_at" (local time with its offset), an
-- RFC 3339 date-time; fractions of a second are dropped, a leap second reads as :59. Computed
-- from its parts rather than by strftime on the whole text, which rounds fractions and rolls
-- 2026-02-30 over to March. A row whose JSON is malformed or whose time is not such a date-time
-- keeps NULL.

ALTER TABLE content_items ADD COLUMN scheduled_at INTEGER;

UPDATE content_items
SET scheduled_at = (CAST(strftime('%s', parts.day) AS INTEGER) + parts.hh * 3600 + parts.mi * 60 +
                    min(parts.ss, 59) - parts.offset_seconds) * 1000
FROM (
    SELECT id, substr(t, 1, 10) AS day,
           CAST(substr(t, 12, 2) AS INTEGER) AS hh,
           CAST(substr(t, 15, 2) AS INTEGER) AS mi,
           CAST(substr(t, 18, 2) AS INTEGER) AS ss,
           CASE WHEN zulu THEN 0
                ELSE (CASE substr(t, -6, 1) WHEN '-' THEN -1 ELSE 1 END) *
                     (CAST(substr(t, -5, 2) AS INTEGER) * 3600 + CAST(substr(t, -2) AS INTEGER) * 60)
           END AS offset_seconds,
           zulu, t, length(t) - 19 - CASE WHEN zulu THEN 1 ELSE 6 END AS fraction_length
    FROM (
        SELECT id, t, upper(substr(t, -1)) = 'Z' AS zulu
        FROM (
            -- CASE, not AND: json_type fails on malformed JSON, so it runs only on valid text.
            SELECT id,
                   COALESCE(
                       CASE WHEN json_valid(item_json) THEN
                           CASE WHEN json_type(item_json, '$.schedule.at') = 'text'
                                     AND json_extract(item_json, '$.schedule.at') <> ''
                                THEN json_extract(item_json, '$.schedule.at') END END,
                       CASE WHEN json_valid(item_json) THEN
                           CASE WHEN json_type(item_json, '$.schedule.suggested_at') = 'text'
                                THEN json_extract(item_json, '$.schedule.suggested_at') END END)
                       AS t
            FROM content_items
            WHERE instr(item_json, '"schedule"') > 0
        )
    )
) AS parts
WHERE content_items.id = parts.id
  AND substr(parts.t, 1, 19) GLOB
          '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt][0-9][0-9]:[0-9][0-9]:[0-9][0-9]'
  AND date(parts.day, '+0 days') = parts.day  -- a real day: not 2026-02-30, not month 13
  AND parts.hh <= 23 AND parts.mi <= 59 AND parts.ss <= 60
  AND (parts.zulu OR (substr(parts.t, -6) GLOB '[+-][0-9][0-9]:[0-9][0-9]'
                      AND CAST(substr(parts.t, -5, 2) AS INTEGER) <= 23
                      AND CAST(substr(parts.t, -2) AS INTEGER) <= 59))
  AND (parts.fraction_length = 0
       OR (parts.fraction_length > 1 AND substr(parts.t, 20, 1) = '.'
           AND NOT substr(parts.t, 21, parts.fraction_length - 1) GLOB '*[^0-9]*'));

CREATE INDEX content_items_by_workspace_scheduled ON content_items (workspace_id, scheduled_at, id)
WHERE scheduled_at IS NOT NULL;
