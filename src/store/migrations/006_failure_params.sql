-- The parameters of a call's failure, so its message can be rendered in the
-- reader's language instead of the language it was stored in.
ALTER TABLE calls ADD COLUMN failure_params JSONB;
