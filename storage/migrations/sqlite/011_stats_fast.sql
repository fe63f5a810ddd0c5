-- One year's statistics over half a million enquiries within 200 ms
-- (SPEC §5). Adviser tallies sum claimed and answered events per UTC day
-- instead of counting every event: the triggers below keep the day counts
-- of stats_event_days in step with events. Ranks of first responses and
-- handling times read one integer column from the covering indexes below.
CREATE TABLE stats_event_days (
    day   TEXT NOT NULL,
    actor TEXT NOT NULL,
    type  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (day, actor, type)
);

INSERT INTO stats_event_days (day, actor, type, n)
SELECT CASE WHEN at LIKE '%+00:00' THEN substr(at, 1, 10) ELSE date(at) END AS d, actor, type, COUNT(*)
FROM events WHERE type IN ('claimed', 'answered') GROUP BY d, actor, type;

CREATE TRIGGER stats_event_days_insert AFTER INSERT ON events
WHEN NEW.type IN ('claimed', 'answered')
BEGIN
    INSERT INTO stats_event_days (day, actor, type, n)
    VALUES (CASE WHEN NEW.at LIKE '%+00:00' THEN substr(NEW.at, 1, 10) ELSE date(NEW.at) END, NEW.actor, NEW.type, 1)
    ON CONFLICT (day, actor, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER stats_event_days_delete AFTER DELETE ON events
WHEN OLD.type IN ('claimed', 'answered')
BEGIN
    UPDATE stats_event_days SET n = n - 1
    WHERE day = CASE WHEN OLD.at LIKE '%+00:00' THEN substr(OLD.at, 1, 10) ELSE date(OLD.at) END
      AND actor = OLD.actor AND type = OLD.type;
END;

CREATE TRIGGER stats_event_days_update_old AFTER UPDATE OF type, actor, at ON events
WHEN OLD.type IN ('claimed', 'answered')
BEGIN
    UPDATE stats_event_days SET n = n - 1
    WHERE day = CASE WHEN OLD.at LIKE '%+00:00' THEN substr(OLD.at, 1, 10) ELSE date(OLD.at) END
      AND actor = OLD.actor AND type = OLD.type;
END;

CREATE TRIGGER stats_event_days_update_new AFTER UPDATE OF type, actor, at ON events
WHEN NEW.type IN ('claimed', 'answered')
BEGIN
    INSERT INTO stats_event_days (day, actor, type, n)
    VALUES (CASE WHEN NEW.at LIKE '%+00:00' THEN substr(NEW.at, 1, 10) ELSE date(NEW.at) END, NEW.actor, NEW.type, 1)
    ON CONFLICT (day, actor, type) DO UPDATE SET n = n + 1;
END;

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
