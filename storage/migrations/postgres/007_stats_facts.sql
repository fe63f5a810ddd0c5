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
ALTER TABLE enquiries ADD COLUMN response_at TIMESTAMPTZ;
ALTER TABLE enquiries ADD COLUMN response_ns BIGINT;
ALTER TABLE enquiries ADD COLUMN handling_ns BIGINT;
ALTER TABLE enquiries ADD COLUMN handling_logged INTEGER NOT NULL DEFAULT 0;
CREATE INDEX enquiries_facts_stale ON enquiries (id) WHERE facts_stale = 1;
CREATE INDEX events_type_at_actor ON events (type, at, actor);

CREATE TABLE stats_calendar (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    calendar TEXT NOT NULL
);

-- Marks the enquiry of the changed event, message or call (old and new).
CREATE FUNCTION facts_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE enquiries SET facts_stale = 1 WHERE id = OLD.enquiry_id AND facts_stale = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE enquiries SET facts_stale = 1 WHERE id = NEW.enquiry_id AND facts_stale = 0;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER facts_event_insert AFTER INSERT ON events FOR EACH ROW
WHEN (NEW.type IN ('answered', 'call_attempt')) EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_event_delete AFTER DELETE ON events FOR EACH ROW
WHEN (OLD.type IN ('answered', 'call_attempt')) EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_message_insert AFTER INSERT ON messages FOR EACH ROW
WHEN (NEW.kind = 'outbound' AND NEW.sent_at IS NOT NULL) EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_message_sent AFTER UPDATE OF sent_at, kind, enquiry_id ON messages FOR EACH ROW
WHEN (NEW.sent_at IS DISTINCT FROM OLD.sent_at OR NEW.kind IS DISTINCT FROM OLD.kind
  OR NEW.enquiry_id IS DISTINCT FROM OLD.enquiry_id) EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_message_delete AFTER DELETE ON messages FOR EACH ROW
WHEN (OLD.kind = 'outbound' AND OLD.sent_at IS NOT NULL) EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_call_insert AFTER INSERT ON calls FOR EACH ROW EXECUTE FUNCTION facts_mark_stale();
CREATE TRIGGER facts_call_update AFTER UPDATE OF answered_at, ended_at, handled_seconds ON calls FOR EACH ROW
WHEN (NEW.answered_at IS DISTINCT FROM OLD.answered_at OR NEW.ended_at IS DISTINCT FROM OLD.ended_at
  OR NEW.handled_seconds IS DISTINCT FROM OLD.handled_seconds) EXECUTE FUNCTION facts_mark_stale();

-- A changed citizen or channel changes the enquiry's own facts.
CREATE FUNCTION facts_mark_citizen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.facts_stale := 1;
    RETURN NEW;
END $$;
CREATE TRIGGER facts_citizen BEFORE UPDATE OF citizen_email, citizen_phone, channel ON enquiries FOR EACH ROW
WHEN (NEW.citizen_email IS DISTINCT FROM OLD.citizen_email OR NEW.citizen_phone IS DISTINCT FROM OLD.citizen_phone
  OR NEW.channel IS DISTINCT FROM OLD.channel) EXECUTE FUNCTION facts_mark_citizen();
