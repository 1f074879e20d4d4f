-- One user per rep id: scope gives a rep every row with their rep id, so two
-- users who shared one would each read the other's calls and deals. Users
-- without a rep id (admins, most managers and coaches) are not constrained.

-- Stop with a message that names the rep id instead of a bare unique violation
-- when a database already holds such users.
DO $$
DECLARE
  shared TEXT;
BEGIN
  SELECT rep_id INTO shared FROM users WHERE rep_id IS NOT NULL GROUP BY rep_id HAVING count(*) > 1 ORDER BY rep_id LIMIT 1;
  IF shared IS NOT NULL THEN
    RAISE EXCEPTION 'Several users have the rep id "%". Give each of them their own rep id (UPDATE users SET rep_id = ... WHERE id = ...) and start again.', shared;
  END IF;
END $$;

CREATE UNIQUE INDEX users_rep_id_unique ON users (rep_id) WHERE rep_id IS NOT NULL;
