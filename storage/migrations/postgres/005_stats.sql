-- Statistics (SPEC §4.6) read a period's enquiries with their first answer,
-- first call-back attempt and first reply sent; these indexes keep one
-- year over half a million enquiries fast.
CREATE INDEX events_enquiry_type ON events (enquiry_id, type, at);
CREATE INDEX messages_outbound_sent ON messages (enquiry_id, sent_at) WHERE kind = 'outbound';
CREATE INDEX enquiries_channel_received ON enquiries (channel, received_at);
-- History import matches replies by Message-ID; the partial index of 001
-- cannot serve `message_id IN (?)`.
CREATE INDEX messages_message_id_any ON messages (message_id);
