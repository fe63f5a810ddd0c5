-- One year's statistics over half a million enquiries within 200 ms
-- (SPEC §5). Adviser tallies sum claimed and answered events per UTC day
-- instead of counting every event: the trigger below keeps the day counts
-- of stats_event_days in step with events. Ranks of first responses and
-- handling times read one integer column from the covering indexes below.
CREATE TABLE stats_event_days (
    day   DATE NOT NULL,
    actor TEXT NOT NULL,
    type  TEXT NOT NULL,
    n     BIGINT NOT NULL,
    PRIMARY KEY (day, actor, type)
);

INSERT INTO stats_event_days (day, actor, type, n)
SELECT (at AT TIME ZONE 'UTC')::date AS d, actor, type, COUNT(*)
FROM events WHERE type IN ('claimed', 'answered') GROUP BY d, actor, type;

CREATE FUNCTION stats_event_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.type IN ('claimed', 'answered') THEN
        UPDATE stats_event_days SET n = n - 1
        WHERE day = (OLD.at AT TIME ZONE 'UTC')::date AND actor = OLD.actor AND type = OLD.type;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.type IN ('claimed', 'answered') THEN
        INSERT INTO stats_event_days (day, actor, type, n)
        VALUES ((NEW.at AT TIME ZONE 'UTC')::date, NEW.actor, NEW.type, 1)
        ON CONFLICT (day, actor, type) DO UPDATE SET n = stats_event_days.n + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_event_days_insert AFTER INSERT ON events FOR EACH ROW
WHEN (NEW.type IN ('claimed', 'answered')) EXECUTE FUNCTION stats_event_days_count();
CREATE TRIGGER stats_event_days_delete AFTER DELETE ON events FOR EACH ROW
WHEN (OLD.type IN ('claimed', 'answered')) EXECUTE FUNCTION stats_event_days_count();
CREATE TRIGGER stats_event_days_update AFTER UPDATE OF type, actor, at ON events FOR EACH ROW
EXECUTE FUNCTION stats_event_days_count();

CREATE INDEX enquiries_received_response ON enquiries (received_at, response_ns) WHERE response_ns IS NOT NULL;
CREATE INDEX enquiries_received_handling ON enquiries (received_at, handling_ns, handling_logged)
WHERE handling_ns IS NOT NULL;

-- Statistics count each condition over one range of an index: per topic,
-- repeat contacts, mail answered after its deadline, unanswered mail with a
-- deadline, mail without one. Mail is written channel <> 'phone' there, so
-- that the index of (channel, received_at) does not look the better one.
CREATE INDEX enquiries_topic_received ON enquiries (topic, received_at);
CREATE INDEX enquiries_repeat_received ON enquiries (received_at) WHERE repeat_email = 1 OR repeat_phone = 1;
CREATE INDEX enquiries_late_received ON enquiries (received_at) WHERE channel <> 'phone' AND response_at > deadline_at;
CREATE INDEX enquiries_unanswered_received ON enquiries (received_at, deadline_at, closed_at)
WHERE channel <> 'phone' AND deadline_at IS NOT NULL AND response_at IS NULL;
CREATE INDEX enquiries_undated_received ON enquiries (received_at) WHERE channel <> 'phone' AND deadline_at IS NULL;
