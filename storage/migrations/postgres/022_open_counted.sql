-- The statistics count a period's open enquiries per status over
-- enquiries_open; with merged_into as its last column (as the other counted
-- indexes got in migration 019) the count reads the index alone instead of
-- every open enquiry's row.
DROP INDEX enquiries_open;
CREATE INDEX enquiries_open ON enquiries (status, received_at, merged_into) WHERE status <> 'closed';
