-- Statistics (SPEC §4.6) over a year of half a million enquiries must not
-- read every enquiry's events. Each enquiry keeps the facts statistics need:
-- its first response (first reply sent or answered event for mail, first
-- call-back attempt for a call) and that response in working nanoseconds, an
-- answered call's handling time, its citizen's identities (lower-cased
-- e-mail, E.164 phone) and whether each of them had another enquiry in the
-- 14 × 24 hours before. Statistics compute these in Go, with the working
-- calendar they are given (stats_calendar names it), for every enquiry marked
-- facts_stale; the triggers below mark an enquiry whenever a write changes
-- what its facts derive from. New and existing enquiries start stale, so the
-- first statistics after this migration fill in the facts of all of them.
ALTER TABLE enquiries ADD COLUMN facts_stale INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enquiries ADD COLUMN key_email TEXT NOT NULL DEFAULT '';
ALTER TABLE enquiries ADD COLUMN key_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE enquiries ADD COLUMN repeat_email INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enquiries ADD COLUMN repeat_phone INTEGER NOT NULL DEFAULT 0;
ALTER TABLE enquiries ADD COLUMN response_at TIMESTAMP;
ALTER TABLE enquiries ADD COLUMN response_ns BIGINT;
ALTER TABLE enquiries ADD COLUMN handling_ns BIGINT;
ALTER TABLE enquiries ADD COLUMN handling_logged INTEGER NOT NULL DEFAULT 0;
CREATE INDEX enquiries_facts_stale ON enquiries (id) WHERE facts_stale = 1;
CREATE INDEX events_type_at_actor ON events (type, at, actor);

CREATE TABLE stats_calendar (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    calendar TEXT NOT NULL
);

CREATE TRIGGER facts_event_insert AFTER INSERT ON events
WHEN NEW.type IN ('answered', 'call_attempt')
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_event_delete AFTER DELETE ON events
WHEN OLD.type IN ('answered', 'call_attempt')
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = OLD.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_message_insert AFTER INSERT ON messages
WHEN NEW.kind = 'outbound' AND NEW.sent_at IS NOT NULL
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_message_sent AFTER UPDATE OF sent_at, kind, enquiry_id ON messages
WHEN NEW.sent_at IS NOT OLD.sent_at OR NEW.kind IS NOT OLD.kind OR NEW.enquiry_id IS NOT OLD.enquiry_id
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id IN (NEW.enquiry_id, OLD.enquiry_id) AND facts_stale = 0; END;

CREATE TRIGGER facts_message_delete AFTER DELETE ON messages
WHEN OLD.kind = 'outbound' AND OLD.sent_at IS NOT NULL
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = OLD.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_call_insert AFTER INSERT ON calls
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_call_update AFTER UPDATE OF answered_at, ended_at, handled_seconds ON calls
WHEN NEW.answered_at IS NOT OLD.answered_at OR NEW.ended_at IS NOT OLD.ended_at
  OR NEW.handled_seconds IS NOT OLD.handled_seconds
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.enquiry_id AND facts_stale = 0; END;

CREATE TRIGGER facts_citizen AFTER UPDATE OF citizen_email, citizen_phone, channel ON enquiries
WHEN NEW.citizen_email IS NOT OLD.citizen_email OR NEW.citizen_phone IS NOT OLD.citizen_phone
  OR NEW.channel IS NOT OLD.channel
BEGIN UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.id AND facts_stale = 0; END;
