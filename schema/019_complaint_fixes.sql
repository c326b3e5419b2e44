-- 019: the complaint fixes (issue 12's review).
--
-- R28: a complaint registered without a person responsible is forwarded
-- within complaint.forward_within (seconds: unit 0; 2 hours, at least a
-- minute), a clock of its own (due_clock 7, its deadline forward_due_at),
-- so no complaint waits unforwarded without a deadline.
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('complaint.forward_within', 7200, 0, 60, 604800, 'R28',
  'Complaint: forwarded to a person responsible within this of registration');

-- SQLite cannot widen a CHECK in place: the table is built anew with
-- 016's columns and indexes. complaint_action and complaint_gram refer
-- to it: with the foreign keys deferred, the rows put back satisfy them
-- again before the commit checks (a row lost would fail the migration).
-- The rows keep their ids (complaint_fts is keyed by them) and their
-- values, so the audit trail still proves each; forward_due_at stays
-- NULL on the old ones (integrity.c: C_LEGACY) until a move sets it.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE complaint_019 AS SELECT * FROM complaint;
DROP TABLE complaint;
CREATE TABLE complaint (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER REFERENCES customer(id),
	name		TEXT NOT NULL DEFAULT '',
	phone		TEXT NOT NULL DEFAULT '',
	what		TEXT NOT NULL,
	place		TEXT NOT NULL,
	happened_at	INTEGER NOT NULL,
	channel		INTEGER NOT NULL CHECK (channel BETWEEN 0 AND 5),
	received_by	INTEGER NOT NULL REFERENCES staff(id),
	registered_at	INTEGER NOT NULL,
	contact_id	INTEGER REFERENCES contact(id),
	community	TEXT NOT NULL DEFAULT '',
	building	TEXT NOT NULL DEFAULT '',
	category_id	INTEGER NOT NULL REFERENCES complaint_category(id),
	severity	INTEGER NOT NULL CHECK (severity IN (0, 1)),
	via_company	INTEGER NOT NULL DEFAULT 0 CHECK (via_company IN (0, 1)),
	municipal	INTEGER NOT NULL DEFAULT 0 CHECK (municipal IN (0, 1)),
	state		INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 10),
	responsible_id	INTEGER REFERENCES staff(id),
	forwarded_at	INTEGER,
	forwarded_by	INTEGER REFERENCES staff(id),
	valid		INTEGER NOT NULL DEFAULT -1 CHECK (valid BETWEEN -1 AND 1),
	cause		TEXT NOT NULL DEFAULT '',
	responsibility	TEXT NOT NULL DEFAULT '',
	analysed_at	INTEGER,
	analysed_by	INTEGER REFERENCES staff(id),
	result		TEXT NOT NULL DEFAULT '',
	result_at	INTEGER,
	result_by	INTEGER REFERENCES staff(id),
	reply		TEXT NOT NULL DEFAULT '',
	replied_at	INTEGER,
	visit_who	TEXT NOT NULL DEFAULT '',
	visit_report	TEXT NOT NULL DEFAULT '',
	visit_at	INTEGER,
	approved_at	INTEGER,
	approved_by	INTEGER REFERENCES staff(id),
	callback_due_at	INTEGER,
	callback_done_at INTEGER,
	callback_by	INTEGER REFERENCES staff(id),
	callback_method	INTEGER NOT NULL DEFAULT 0
	    CHECK (callback_method IN (0, 1)),
	callback_score	INTEGER NOT NULL DEFAULT 0
	    CHECK (callback_score BETWEEN 0 AND 5),
	callback_note	TEXT NOT NULL DEFAULT '',
	signed_at	INTEGER,
	signed_by	INTEGER REFERENCES staff(id),
	closed_at	INTEGER,
	closed_by	INTEGER REFERENCES staff(id),
	withdraw_reason	TEXT NOT NULL DEFAULT '',
	withdrawn_at	INTEGER,
	reopen_reason	TEXT NOT NULL DEFAULT '',
	reopened_at	INTEGER,
	reopen_count	INTEGER NOT NULL DEFAULT 0,
	duplicate_of	INTEGER REFERENCES complaint(id)
	    CHECK (duplicate_of IS NULL OR duplicate_of != id),
	-- The clocks' deadlines (NULL: the clock does not apply).
	track_due_at	INTEGER,
	analyse_due_at	INTEGER,
	explain_due_at	INTEGER,
	reply_due_at	INTEGER,
	action_due_at	INTEGER,
	-- The earliest deadline still running (NULL: none), which clock, and
	-- since when it ran (the ladder); queue_at is due_at, or the largest
	-- integer when none runs, so the queue's one index puts those last.
	due_at		INTEGER,
	due_clock	INTEGER NOT NULL DEFAULT 0 CHECK (due_clock BETWEEN 0 AND 7),
	clock_from	INTEGER,
	queue_at	INTEGER NOT NULL,
	escalated	INTEGER NOT NULL DEFAULT 0 CHECK (escalated >= 0),
	escalated_to	INTEGER REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1,
	-- 019: the forwarding clock's deadline (R28; NULL: does not apply).
	forward_due_at	INTEGER,
	-- 019: the ladder in the queue's order (R29): 0 an open serious
	-- complaint, 1 an open escalated one, 2 any other; kept by the core
	-- at every move. Ascending, so every list's keyset stays one row
	-- value (queue_rank, queue_at, id) read straight off its index.
	queue_rank	INTEGER NOT NULL DEFAULT 2 CHECK (queue_rank BETWEEN 0 AND 2)
) STRICT;
INSERT INTO complaint SELECT *, NULL, CASE WHEN state >= 9 THEN 2
    WHEN severity = 1 THEN 0 WHEN escalated > 0 THEN 1 ELSE 2 END
    FROM temp.complaint_019;
DROP TABLE temp.complaint_019;
-- The supervisor's queue (state < 9: neither closed nor withdrawn), the
-- ladder's serious and escalated first (019), then by nearest deadline:
-- small at any size. The whole list, in the same order.
CREATE INDEX complaint_open ON complaint (queue_rank, queue_at, id)
    WHERE state < 9;
CREATE INDEX complaint_all ON complaint (queue_rank, queue_at, id);
-- Overdue: a running deadline passed (the top bar's badge).
CREATE INDEX complaint_due ON complaint (due_at) WHERE due_at IS NOT NULL;
-- A person's own, open and all; the technician's (R54).
CREATE INDEX complaint_resp_open ON complaint (responsible_id, queue_rank,
    queue_at, id) WHERE state < 9;
CREATE INDEX complaint_resp ON complaint (responsible_id, queue_rank,
    queue_at, id);
-- Waiting for a supervisor's signature (called back: state 7).
CREATE INDEX complaint_to_sign ON complaint (queue_rank, queue_at, id)
    WHERE state = 7;
-- R48: likely duplicates, recent first, by customer, phone, place,
-- building; and the first complaint of the window.
CREATE INDEX complaint_by_customer ON complaint (customer_id, registered_at)
    WHERE customer_id IS NOT NULL;
CREATE INDEX complaint_by_phone ON complaint (phone, registered_at)
    WHERE phone != '';
CREATE INDEX complaint_by_place ON complaint (place, registered_at);
CREATE INDEX complaint_by_building ON complaint (community, building,
    registered_at) WHERE building != '';
CREATE INDEX complaint_registered ON complaint (registered_at);
-- The duplicates linked to a complaint (R48: each is told its result).
CREATE INDEX complaint_dups ON complaint (duplicate_of)
    WHERE duplicate_of IS NOT NULL;
-- 019: "escalated to me" (R29), a supervisor's few.
CREATE INDEX complaint_escalated_to ON complaint (escalated_to, queue_rank,
    queue_at, id) WHERE escalated_to IS NOT NULL;
