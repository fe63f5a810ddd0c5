-- Merging: a citizen who writes again in a new mail while an enquiry of
-- theirs is open can have the newer enquiry merged into the older one. The
-- newer enquiry keeps its row (and its Slack thread, which links to the
-- older one) with merged_into naming the older enquiry; its messages move
-- there and remember where they came from and their ts in the newer thread,
-- so that undoing the merge puts them back as they were.
ALTER TABLE enquiries ADD COLUMN merged_into BIGINT REFERENCES enquiries (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN moved_from BIGINT REFERENCES enquiries (id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN moved_ts TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_moved_from ON messages (moved_from) WHERE moved_from IS NOT NULL;
CREATE INDEX enquiries_open_citizen ON enquiries (lower(citizen_email), id)
WHERE citizen_email <> '' AND status <> 'closed' AND merged_into IS NULL;

-- A merged enquiry counts once, as the enquiry it was merged into: every
-- statistic counts merged_into IS NULL. Each index a statistic counts over
-- one range of (migrations 005 and 011) gets merged_into as its last
-- column, so that counting still reads the index alone.
CREATE INDEX enquiries_counted_received ON enquiries (received_at, merged_into);
DROP INDEX enquiries_channel_received;
CREATE INDEX enquiries_channel_received ON enquiries (channel, received_at, merged_into);
DROP INDEX enquiries_received_response;
CREATE INDEX enquiries_received_response ON enquiries (received_at, response_ns, merged_into) WHERE response_ns IS NOT NULL;
DROP INDEX enquiries_received_handling;
CREATE INDEX enquiries_received_handling ON enquiries (received_at, handling_ns, handling_logged, merged_into)
WHERE handling_ns IS NOT NULL;
DROP INDEX enquiries_topic_received;
CREATE INDEX enquiries_topic_received ON enquiries (topic, received_at, merged_into);
DROP INDEX enquiries_repeat_received;
CREATE INDEX enquiries_repeat_received ON enquiries (received_at, merged_into) WHERE repeat_email = 1 OR repeat_phone = 1;
DROP INDEX enquiries_late_received;
CREATE INDEX enquiries_late_received ON enquiries (received_at, merged_into)
WHERE channel <> 'phone' AND response_at > deadline_at;
DROP INDEX enquiries_unanswered_received;
CREATE INDEX enquiries_unanswered_received ON enquiries (received_at, deadline_at, closed_at, merged_into)
WHERE channel <> 'phone' AND deadline_at IS NOT NULL AND response_at IS NULL;
DROP INDEX enquiries_undated_received;
CREATE INDEX enquiries_undated_received ON enquiries (received_at, merged_into) WHERE channel <> 'phone' AND deadline_at IS NULL;

-- Call-backs booked on a call enquiry: when, who holds it, and whether the
-- citizen is told by mail or SMS. A new booking cancels the enquiry's earlier
-- one; a logged call-back attempt makes it done. reminded_at and notified_at
-- record the reminder to the holder and the citizen's confirmation, each
-- claimed by one conditional update before it is made.
CREATE TABLE callbacks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    enquiry_id  BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    due_at      TIMESTAMP NOT NULL,
    holder      TEXT NOT NULL,
    booked_by   TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'done', 'cancelled')),
    notify      TEXT NOT NULL DEFAULT '' CHECK (notify IN ('', 'mail', 'sms')),
    reminded_at TIMESTAMP,
    notified_at TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX callbacks_enquiry ON callbacks (enquiry_id, state);
CREATE INDEX callbacks_booked_due ON callbacks (due_at) WHERE state = 'booked';
