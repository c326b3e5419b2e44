-- 015: reserved for another part of issue 11 (numbers are handed out by
-- the lead). This empty placeholder only lets the search branch build and
-- test migration 016 on its own; drop it when the real 015 is merged.
SELECT 1;
