-- 016: complaints (投诉, issue 12): R27-R39, R48.
--
-- A complaint is one row, every clock's deadline stored beside it
-- (src/core/complaint.c computes them in one function at every move), so
-- the supervisor's queue, "overdue", "due soon", "to sign", a person's
-- own list and the duplicate suggestion are index reads at any size.
-- Nothing is deleted (R32): a withdrawn complaint stays.

-- The policies the clocks and the ladder run on besides the four of 001
-- (R33, R34, R35, R38). unit 2: days, 3: permille. A minimum of 1 keeps
-- 0 or a negative out (kf_policy_set's bounds); the ladder's three keep
-- their order (policy.c).
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('complaint.callback_within', 1, 2, 1, 60, 'R30',
  'Complaint: the complainant called back within this of the result'),
 ('complaint.duplicate_window', 30, 2, 1, 365, 'R48',
  'Complaint: earlier complaints offered as likely duplicates within'),
 ('complaint.ladder_1', 500, 3, 1, 1000, 'R29',
  'Complaint: first escalation step at this share of a deadline'),
 ('complaint.ladder_2', 800, 3, 1, 1000, 'R29',
  'Complaint: second escalation step at this share of a deadline'),
 ('complaint.ladder_3', 1000, 3, 1, 1000, 'R29',
  'Complaint: third escalation step at this share of a deadline');

-- The configurable list of categories (R27). A seeded label is an
-- English msgid (po/zh_CN.po translates it); one added is as typed.
CREATE TABLE complaint_category (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	label		TEXT NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO complaint_category (key, label) VALUES
 ('attitude', 'Service attitude'),
 ('repair', 'Repair quality'),
 ('billing', 'Billing'),
 ('supply', 'Gas supply'),
 ('facilities', 'Facilities'),
 ('other', 'Other');

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
	due_clock	INTEGER NOT NULL DEFAULT 0 CHECK (due_clock BETWEEN 0 AND 6),
	clock_from	INTEGER,
	queue_at	INTEGER NOT NULL,
	escalated	INTEGER NOT NULL DEFAULT 0 CHECK (escalated >= 0),
	escalated_to	INTEGER REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The supervisor's queue (state < 9: neither closed nor withdrawn), by
-- nearest deadline: small at any size. The whole list, in the same order.
CREATE INDEX complaint_open ON complaint (queue_at, id) WHERE state < 9;
CREATE INDEX complaint_all ON complaint (queue_at, id);
-- Overdue: a running deadline passed (the top bar's badge).
CREATE INDEX complaint_due ON complaint (due_at) WHERE due_at IS NOT NULL;
-- A person's own, open and all; the technician's (R54).
CREATE INDEX complaint_resp_open ON complaint (responsible_id, queue_at, id)
    WHERE state < 9;
CREATE INDEX complaint_resp ON complaint (responsible_id, queue_at, id);
-- Waiting for a supervisor's signature (called back: state 7).
CREATE INDEX complaint_to_sign ON complaint (queue_at, id) WHERE state = 7;
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

-- Corrective actions (R35, R36), each with its owner and due date.
CREATE TABLE complaint_action (
	id		INTEGER PRIMARY KEY,
	complaint_id	INTEGER NOT NULL REFERENCES complaint(id),
	text		TEXT NOT NULL,
	owner_id	INTEGER NOT NULL REFERENCES staff(id),
	due_at		INTEGER NOT NULL,
	set_at		INTEGER NOT NULL,
	set_by		INTEGER NOT NULL REFERENCES staff(id),
	verified_at	INTEGER,
	verified_by	INTEGER REFERENCES staff(id),
	verify_note	TEXT NOT NULL DEFAULT '',
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (due_at > set_at)
) STRICT;
CREATE INDEX complaint_action_of ON complaint_action (complaint_id, id);
CREATE INDEX complaint_action_owner ON complaint_action (owner_id,
    complaint_id);

-- Search (the customer search's rules): substrings of three or more
-- characters of the complainant's name, phone, place and what happened
-- (FTS5 trigram, one field a line so no match spans two); the two
-- characters of a short query through complaint_gram (each 2-character
-- piece of name, place and what; a 1-character query reads the pieces it
-- begins). These fields never change after registration, so the index
-- is written once (contentless).
CREATE VIRTUAL TABLE complaint_fts USING fts5(body, tokenize = 'trigram',
    content = '', columnsize = 0);
CREATE TABLE complaint_gram (
	gram		TEXT NOT NULL,
	complaint_id	INTEGER NOT NULL REFERENCES complaint(id),
	PRIMARY KEY (gram, complaint_id)
) STRICT, WITHOUT ROWID;
