-- 023: callbacks' reads that were not index reads (issue 13 review, M3)
-- and the rate's reason (H2).

-- A list filtered to a state other than open (called back, reviewed,
-- cancelled), with or without a reason: one range of this index in
-- (due_at, id) order from the keyset anchor; the reason rides along so
-- a reason filter is tested on the index, not the table. (Open has its
-- partial index callback_open, waiting for review callback_to_review.)
CREATE INDEX callback_state ON callback (state, due_at, id, reason);

-- R47: the rate and the tasks missing from it read this covering index
-- over the period's deadlines. A task cancelled by a person counts as
-- due and missing; one the core cancelled because its source withdrew it
-- (a complaint's, reason 0, withdrawn or reopened) stays out: so the
-- reason is carried with the state.
DROP INDEX callback_rate;
CREATE INDEX callback_rate ON callback (due_at, state, done_at, reason);
