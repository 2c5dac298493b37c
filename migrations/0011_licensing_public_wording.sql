-- What the public verification page says about a suspension, revocation or surrender: a code from a
-- short fixed list (licensing/model.ts PUBLIC_WORDINGS) the officer chooses. The officer's own reason
-- (status_reason) stays internal; it was published verbatim before this column existed.
ALTER TABLE licensing_licences ADD COLUMN public_wording text;
