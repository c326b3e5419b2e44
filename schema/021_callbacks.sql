-- 021: callbacks (回访, issue 13): R40-R47, R52.
--
-- A callback is a task the core creates (src/core/callback.c,
-- kf_callback_task_tx) from a complaint's result, a promise at reception,
-- a work order closed or cancelled, a suggestion handled, the month's
-- sample, a survey or a follow-up (R45). One row per task, its deadline
-- (due_at) never moved; the attempts that did not reach the customer are
-- rows of callback_attempt. Nothing is deleted: a task no longer called
-- for is cancelled, with a reason.

-- The deadlines of the tasks the core makes (unit 0: seconds, 2: days).
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('callback.order_within', 86400, 0, 600, 2592000, 'R41',
  'Callback: a work order''s callers called back within this of its closing'),
 ('callback.suggestion_within', 3, 2, 1, 60, 'R41',
  'Callback: a suggestion''s caller called back within this of its handling'),
 ('callback.sample_within', 7, 2, 1, 31, 'R42',
  'Callback: a sampled work order called back within this of the draw'),
 ('callback.retry_after', 3600, 0, 300, 604800, 'R47',
  'Callback: a customer who did not answer is tried again after this');

-- States: 0 open, 1 done, 2 reviewed, 3 cancelled. Reasons: 0 complaint,
-- 1 promise, 2 order, 3 suggestion, 4 sample, 5 survey, 6 follow-up.
-- Methods: -1 none yet, 0 phone, 1 home visit, 2 open letter (R46).
-- Scores: the complaint's (0 none .. 5 very dissatisfied).
-- survey_id and letter_id name rows of schema/022's tables (the batch
-- part's), so they carry no foreign key here.
CREATE TABLE callback (
	id		INTEGER PRIMARY KEY,
	reason		INTEGER NOT NULL CHECK (reason BETWEEN 0 AND 6),
	state		INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
	complaint_id	INTEGER REFERENCES complaint(id),
	contact_id	INTEGER REFERENCES contact(id),
	order_id	INTEGER REFERENCES work_order(id),
	survey_id	INTEGER,
	parent_id	INTEGER REFERENCES callback(id)
	    CHECK (parent_id IS NULL OR parent_id != id),
	sample_month	TEXT NOT NULL DEFAULT '',
	customer_id	INTEGER REFERENCES customer(id),
	name		TEXT NOT NULL DEFAULT '',
	phone		TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL DEFAULT '',
	due_at		INTEGER NOT NULL,
	next_try_at	INTEGER,
	owner_id	INTEGER REFERENCES staff(id),
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES staff(id),
	attempts	INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	method		INTEGER NOT NULL DEFAULT -1 CHECK (method BETWEEN -1 AND 2),
	score		INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 5),
	said		TEXT NOT NULL DEFAULT '',
	reason_text	TEXT NOT NULL DEFAULT '',
	signed_name	TEXT NOT NULL DEFAULT '',
	signed_at	INTEGER,
	problem		TEXT NOT NULL DEFAULT '',
	reply_due_at	INTEGER,
	raised_complaint_id INTEGER REFERENCES complaint(id),
	raised_order_id	INTEGER REFERENCES work_order(id),
	letter_id	INTEGER,
	done_at		INTEGER,
	done_by		INTEGER REFERENCES staff(id),
	reviewed_at	INTEGER,
	reviewed_by	INTEGER REFERENCES staff(id),
	review_note	TEXT NOT NULL DEFAULT '',
	cancel_reason	TEXT NOT NULL DEFAULT '',
	cancelled_at	INTEGER,
	cancelled_by	INTEGER REFERENCES staff(id),
	-- (What a done task must hold, R40/R43, is the core's rule:
	-- kf_rec_update writes a move's fields one by one, so a CHECK
	-- across columns would refuse its first field.)
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
-- F6's list: the open ones by nearest deadline (a few thousand at most,
-- whatever the table's size); the whole list in the same order. The
-- reason, the owner and the state ride along so the header's counts read
-- the index alone (SQLite counts a column named in the query as needed
-- even where the index's WHERE already says it).
CREATE INDEX callback_open ON callback (due_at, id, reason, owner_id,
    state) WHERE state = 0;
CREATE INDEX callback_all ON callback (due_at, id);
-- A clerk's own (and the pool's: owner_id NULL), open and all.
CREATE INDEX callback_owner_open ON callback (owner_id, due_at, id)
    WHERE state = 0;
CREATE INDEX callback_owner ON callback (owner_id, due_at, id);
-- Waiting for a supervisor's signature (R44), counted from the index.
CREATE INDEX callback_to_review ON callback (due_at, id, reason, owner_id,
    state) WHERE state = 1;
-- The record a task came from: a complaint's open task, a contact's
-- promises, an order's callers, a follow-up's parent, a month's sample.
CREATE INDEX callback_by_complaint ON callback (complaint_id, state)
    WHERE complaint_id IS NOT NULL;
CREATE INDEX callback_by_contact ON callback (contact_id)
    WHERE contact_id IS NOT NULL;
CREATE INDEX callback_by_order ON callback (order_id)
    WHERE order_id IS NOT NULL;
CREATE INDEX callback_by_parent ON callback (parent_id)
    WHERE parent_id IS NOT NULL;
CREATE INDEX callback_by_month ON callback (sample_month)
    WHERE sample_month != '';
-- R47: the tasks due in a period, with what the rate needs (covering).
CREATE INDEX callback_rate ON callback (due_at, state, done_at);

-- An attempt that did not reach the customer (no answer, call later).
CREATE TABLE callback_attempt (
	id		INTEGER PRIMARY KEY,
	callback_id	INTEGER NOT NULL REFERENCES callback(id),
	at		INTEGER NOT NULL,
	by		INTEGER REFERENCES staff(id),
	outcome		INTEGER NOT NULL CHECK (outcome IN (0, 1)),
	later_at	INTEGER,
	note		TEXT NOT NULL DEFAULT '',
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX callback_attempt_of ON callback_attempt (callback_id, id);
