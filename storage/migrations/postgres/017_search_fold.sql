-- affald_fold(text): a text as search compares it, the same as storage.Fold
-- in Go (registered with the SQLite driver): lower case, accents folded the
-- Danish way (é → e, ä → æ, ö → ø, ü → y), and "aa" as "å". The letters are
-- translated before lower(), which folds only a–z in the C locale.
CREATE FUNCTION affald_fold(s TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT replace(lower(translate(s, 'ÁÀÂÃÉÈÊËÍÌÎÏÓÒÔÕÚÙÛÄÖÜÇÑÆØÅáàâãéèêëíìîïóòôõúùûäöüçñæøå', 'aaaaeeeeiiiioooouuuæøycnæøåaaaaeeeeiiiioooouuuæøycnæøå')), 'aa', 'å') $$;

-- The folded texts search reads, kept by PostgreSQL itself whenever a row
-- changes (an erasure included): folding every text at each search would
-- cost more than reading it.
ALTER TABLE enquiries ADD COLUMN search_fold TEXT
    GENERATED ALWAYS AS (affald_fold(subject || E'\n' || citizen_name || E'\n' || citizen_email)) STORED;
ALTER TABLE messages ADD COLUMN body_fold TEXT GENERATED ALWAYS AS (affald_fold(body)) STORED;
