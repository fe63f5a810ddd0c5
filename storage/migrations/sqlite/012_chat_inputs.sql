-- Chat inputs acted on: every key that names the Slack input a reply came
-- from (the modal's view, the message's channel and ts, the button press, the
-- Socket Mode envelope, the Events API event), written in the reply's own
-- transaction. The same input delivered again, after a restart or to another
-- replica, finds its key and sends nothing. Rows older than Slack's retries
-- are pruned.
CREATE TABLE chat_inputs (
    input_key  TEXT PRIMARY KEY,
    message_id BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX chat_inputs_created_at ON chat_inputs (created_at);
