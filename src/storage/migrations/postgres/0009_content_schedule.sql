-- Version 9: the calendar. content_items.scheduled_at is the item's schedule instant (UTC,
-- integer milliseconds like every other time column, whole seconds; NULL when the item has no
-- schedule), written by the store from what the app passes and indexed with the workspace.
-- Existing rows are backfilled from their JSON as the codec reads it (codec::parse_rfc3339):
-- "schedule.at" (UTC) when set, else "schedule.suggested_at" (local time with its offset), an
-- RFC 3339 date-time; fractions of a second are dropped, a leap second reads as :59. item_json
-- is TEXT: a row whose JSON is malformed or whose time is not such a date-time keeps NULL (the
-- helper swallows its errors).

ALTER TABLE content_items ADD COLUMN scheduled_at BIGINT;

CREATE FUNCTION pg_temp.swarm_schedule_millis(doc TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $fn$
DECLARE
    schedule JSONB;
    t TEXT;
    hh INT;
    mi INT;
    ss INT;
    offset_seconds INT := 0;
BEGIN
    schedule := doc::jsonb -> 'schedule';
    IF schedule IS NULL OR jsonb_typeof(schedule) <> 'object' THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(schedule -> 'at') = 'string' AND schedule ->> 'at' <> '' THEN
        t := schedule ->> 'at';
    ELSIF jsonb_typeof(schedule -> 'suggested_at') = 'string' THEN
        t := schedule ->> 'suggested_at';
    END IF;
    IF t IS NULL OR t !~ ('^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}'
                          '(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$') THEN
        RETURN NULL;
    END IF;
    -- From its parts, as the codec reads it (a cast would take 24:00 and offsets past 23:59).
    hh := substr(t, 12, 2)::int;
    mi := substr(t, 15, 2)::int;
    ss := substr(t, 18, 2)::int;
    IF hh > 23 OR mi > 59 OR ss > 60 THEN
        RETURN NULL;
    END IF;
    IF upper(right(t, 1)) <> 'Z' THEN
        IF substr(right(t, 5), 1, 2)::int > 23 OR right(t, 2)::int > 59 THEN
            RETURN NULL;
        END IF;
        offset_seconds := (CASE left(right(t, 6), 1) WHEN '-' THEN -1 ELSE 1 END) *
                          (substr(right(t, 5), 1, 2)::int * 3600 + right(t, 2)::int * 60);
    END IF;
    -- make_date refuses a day that does not exist (2026-02-30); the handler turns that into NULL.
    RETURN ((extract(epoch FROM make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int,
                                          substr(t, 9, 2)::int))::bigint
             + hh * 3600 + mi * 60 + LEAST(ss, 59) - offset_seconds) * 1000);
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$fn$;

UPDATE content_items SET scheduled_at = pg_temp.swarm_schedule_millis(item_json)
WHERE strpos(item_json, '"schedule"') > 0;

DROP FUNCTION pg_temp.swarm_schedule_millis(TEXT);

CREATE INDEX content_items_by_workspace_scheduled ON content_items (workspace_id, scheduled_at, id)
WHERE scheduled_at IS NOT NULL;
