-- Leases name the one replica that does a piece of work at a time (watching a
-- mailbox). A holder renews its lease well before expires_at; a lease whose
-- holder died expires and the next replica takes it.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
