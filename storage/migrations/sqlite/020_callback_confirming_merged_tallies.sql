-- A call-back's confirmation mail is recorded as being handed to the mail
-- server (confirming_at) just before the server is told the message is
-- complete, as replies, filings and forwards are: a retry after a crash then
-- looks for the mail in the Sent folder instead of sending it again. The
-- reminder is no longer claimed before it is posted (migration 019): it is
-- looked for in the thread by its mark and recorded as made after.
ALTER TABLE callbacks ADD COLUMN confirming_at TIMESTAMP;

-- The advisers' tallies leave out the claims and answers of enquiries merged
-- into another one, which they find through this index.
CREATE INDEX enquiries_merged ON enquiries (merged_into) WHERE merged_into IS NOT NULL;
