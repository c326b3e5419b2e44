-- 018: the billing desk (issue 14): fee notices (收费通知单, R15) carrying
-- audited paid repairs (R16-R18), payments against receipts numbered
-- without gaps (R19), arrears and chasing (催缴, R15); and the charge
-- audit's list price at the time of the work (R17).

-- The overdue policy (R15) and the notice's due day.
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('bill.due_days', 15, 2, 0, 365, 'R15',
  'A fee notice is due at the end of this many days after it is issued'),
 ('bill.remind_days', 7, 2, 1, 365, 'R15',
  'Days overdue after which a reminder is due'),
 ('bill.second_notice_days', 30, 2, 1, 730, 'R15',
  'Days overdue after which a second notice is due'),
 ('bill.late_fee_permille', 0, 3, 0, 100, 'R15',
  'Late fee a day overdue, of the unpaid amount (0: no late fee)');

-- Texts printed on notices and receipts (the company's name).
CREATE TABLE bill_setting (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	value		TEXT NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO bill_setting (key, value) VALUES ('company.name', '物业服务中心');

-- Number counters ('receipt'; 'notice:YYYY-MM'): the next number, taken
-- and bumped inside the transaction that uses it, so no number is lost
-- when it rolls back and none is given twice.
CREATE TABLE bill_counter (
	name		TEXT PRIMARY KEY,
	next		INTEGER NOT NULL CHECK (next >= 1)
) STRICT, WITHOUT ROWID;
INSERT INTO bill_counter (name, next) VALUES ('receipt', 1);

-- One notice run per period and community: a second is "already issued".
CREATE TABLE bill_run (
	id		INTEGER PRIMARY KEY,
	period		TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	community	TEXT NOT NULL,
	issued_at	INTEGER NOT NULL,
	issued_by	INTEGER NOT NULL REFERENCES staff(id),
	notices		INTEGER NOT NULL DEFAULT 0,
	first_seq	INTEGER NOT NULL DEFAULT 0,
	last_seq	INTEGER NOT NULL DEFAULT 0,
	total		INTEGER NOT NULL DEFAULT 0,	-- fen
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (period, community)
) STRICT;

-- Adjustments (调整) waiting for the customer's next notice.
CREATE TABLE bill_adjust (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	amount		INTEGER NOT NULL CHECK (amount != 0),	-- fen
	reason		TEXT NOT NULL,
	at		INTEGER NOT NULL,
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX bill_adjust_by_customer ON bill_adjust (customer_id, id);

CREATE TABLE notice (
	id		INTEGER PRIMARY KEY,
	period		TEXT NOT NULL,
	seq		INTEGER NOT NULL CHECK (seq >= 1),
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	run_id		INTEGER NOT NULL REFERENCES bill_run(id),
	issued_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	prev_balance	INTEGER NOT NULL,	-- fen; < 0 credit
	amount		INTEGER NOT NULL,	-- the sum of its lines
	total_due	INTEGER NOT NULL,	-- prev_balance + amount
	paid		INTEGER NOT NULL DEFAULT 0,	-- allocated to it
	late_through	INTEGER NOT NULL DEFAULT 0,	-- late fees charged up to
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (period, seq),
	UNIQUE (customer_id, period)
) STRICT;
-- A customer's notices, newest first; its sums (balance, owed) read the
-- index alone (the account view at 1,000,000 customers).
CREATE INDEX notice_by_customer ON notice (customer_id, issued_at, id,
    amount, paid);
CREATE INDEX notice_by_run ON notice (run_id, seq);
-- Arrears: the unpaid notices by due day (a small index at any size).
CREATE INDEX notice_unpaid ON notice (due_at, customer_id) WHERE paid < amount;

CREATE TABLE notice_line (
	id		INTEGER PRIMARY KEY,
	notice_id	INTEGER NOT NULL REFERENCES notice(id),
	kind		INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 7),
	amount		INTEGER NOT NULL,	-- fen, signed
	source		TEXT NOT NULL,
	ref_id		INTEGER,
	order_id	INTEGER REFERENCES work_order(id),
	adjust_id	INTEGER REFERENCES bill_adjust(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX notice_line_by_notice ON notice_line (notice_id, id);
-- R18: a work order's charges are carried once; an adjustment too.
CREATE UNIQUE INDEX notice_line_order ON notice_line (order_id)
    WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX notice_line_adjust ON notice_line (adjust_id)
    WHERE adjust_id IS NOT NULL;

-- R19: receipts are voided, never deleted.
CREATE TABLE receipt (
	id		INTEGER PRIMARY KEY,
	no		INTEGER NOT NULL UNIQUE CHECK (no >= 1),
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	amount		INTEGER NOT NULL CHECK (amount > 0),	-- fen
	method		INTEGER NOT NULL CHECK (method BETWEEN 0 AND 3),
	note		TEXT NOT NULL DEFAULT '',
	taken_at	INTEGER NOT NULL,
	taken_by	INTEGER NOT NULL REFERENCES staff(id),
	prints		INTEGER NOT NULL DEFAULT 0,
	voided_at	INTEGER,
	voided_by	INTEGER REFERENCES staff(id),
	void_reason	TEXT NOT NULL DEFAULT '',
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX receipt_by_customer ON receipt (customer_id, id, amount,
    voided_at);
CREATE TRIGGER receipt_no_delete BEFORE DELETE ON receipt
BEGIN
	SELECT RAISE(ABORT, 'receipts are voided, never deleted (R19)');
END;

-- Money applied to a notice: from a receipt or from a notice whose lines
-- sum below zero (a credit note). Never changed: a void adds the
-- negative of each row it reverses.
CREATE TABLE bill_alloc (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	receipt_id	INTEGER REFERENCES receipt(id),
	credit_notice_id INTEGER REFERENCES notice(id),
	notice_id	INTEGER NOT NULL REFERENCES notice(id),
	amount		INTEGER NOT NULL CHECK (amount != 0),	-- fen
	at		INTEGER NOT NULL,
	reverses	INTEGER REFERENCES bill_alloc(id),
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK ((receipt_id IS NULL) != (credit_notice_id IS NULL))
) STRICT;
CREATE INDEX bill_alloc_by_receipt ON bill_alloc (receipt_id)
    WHERE receipt_id IS NOT NULL;
CREATE INDEX bill_alloc_by_credit ON bill_alloc (credit_notice_id)
    WHERE credit_notice_id IS NOT NULL;
CREATE INDEX bill_alloc_by_notice ON bill_alloc (notice_id);

-- Chasing (催缴): never changed once recorded.
CREATE TABLE chase (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	at		INTEGER NOT NULL,
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	method		INTEGER NOT NULL CHECK (method BETWEEN 0 AND 4),
	answer		TEXT NOT NULL,
	next_step	TEXT NOT NULL,
	next_at		INTEGER,
	owed		INTEGER NOT NULL,	-- fen overdue when chased
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX chase_by_customer ON chase (customer_id, at, id);

-- R17: the charge audit compares an item with the list's price at the
-- time of the work, kept on the item (for items charged before this
-- version: the price its creation recorded, which was the list's then),
-- and finds the prices a technician entered off the list; a supervisor
-- reviews each with a reason, and a reviewed item stays listed as such.
ALTER TABLE order_item ADD COLUMN list_price INTEGER;
ALTER TABLE order_item ADD COLUMN audit_state INTEGER NOT NULL DEFAULT 0
    CHECK (audit_state BETWEEN 0 AND 3);
ALTER TABLE order_item ADD COLUMN off_list_note TEXT NOT NULL DEFAULT '';
ALTER TABLE order_item ADD COLUMN audit_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE order_item ADD COLUMN audited_by INTEGER REFERENCES staff(id);
ALTER TABLE order_item ADD COLUMN audited_at INTEGER;
UPDATE order_item SET list_price = coalesce((SELECT json_extract(a.after,
    '$.unit_price') FROM audit AS a WHERE a.entity = 'order_item' AND
    a.entity_id = order_item.id AND a.before IS NULL ORDER BY a.id LIMIT 1),
    unit_price);
UPDATE order_item SET audit_state = 2,
    audited_by = (SELECT a.actor_id FROM audit AS a WHERE
    a.entity = 'order_item' AND a.entity_id = order_item.id AND
    a.action = 'order.correct' ORDER BY a.id DESC LIMIT 1),
    audited_at = (SELECT a.at FROM audit AS a WHERE
    a.entity = 'order_item' AND a.entity_id = order_item.id AND
    a.action = 'order.correct' ORDER BY a.id DESC LIMIT 1)
    WHERE corrected = 1;
CREATE INDEX order_item_flagged ON order_item (id) WHERE audit_state = 1;
CREATE INDEX order_item_reviewed ON order_item (audited_at, id)
    WHERE audited_at IS NOT NULL;
