-- 014: reserved for another part of issue 11 (numbers are handed out by
-- the lead). This empty placeholder only lets the search branch build and
-- test migration 016 on its own; drop it when the real 014 is merged.
SELECT 1;
