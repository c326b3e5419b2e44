-- 025_report_sums: sums by day that the reports (F7, R53) read instead of
-- the records of a whole period or a whole history: what was owed (the
-- arrears at any moment) and the contacts received. Both are derived,
-- never entered: kept by the triggers below inside the transaction of
-- every write to their tables, backfilled here, and recomputed from the
-- records by kefu check (integrity.c). Days are UTC days (epoch seconds
-- div 86400); a report reads whole days from here and the rest of a
-- period (its first and last hours, local midnights) from the records.
-- Never edit a landed migration; add the next number instead.

-- ---- What was owed ----
--
-- The arrears at a moment E (docs/reports.md) are, over the notices then
-- overdue (due_at < E, issued_at <= E) with an amount above zero, their
-- amount less the money allocated to them by E (bill_alloc.at <= E).
-- Each notice and each allocation therefore counts from one moment on:
--
--   a notice (amount > 0)   from owed_from = max(due_at + 1, issued_at),
--                           +amount;
--   an allocation to it     from max(at, owed_from of its notice),
--                           -amount (a void's reversal, negative, adds
--                           back what it reverses);
--
-- and the arrears at E are the sum of every contribution whose moment is
-- at or before E: the days before E's day from bill_owed_day, the rest
-- of E's own day from the rows (report.c FAST_ARREARS, through the
-- indexes below). Kept in the transaction of every billing write (bill.c's
-- notice runs, payments, voids and credit notes).
--
-- Money is allocated only after a notice is issued, never beyond what it
-- owes (notice.paid <= amount at every moment, bill.c I1) and never to a
-- notice whose lines sum to zero or less, so no notice's own sum goes
-- below zero at any moment and the sum of the contributions is exactly
-- the sum over the notices of what each owed.

CREATE TABLE bill_owed_day (
	day	INTEGER PRIMARY KEY,	-- UTC day: epoch seconds div 86400
	owed	INTEGER NOT NULL	-- fen: the day's contributions
) STRICT;

INSERT INTO bill_owed_day (day, owed)
    SELECT day, sum(v) FROM (
	SELECT max(due_at + 1, issued_at) / 86400 AS day, amount AS v
	    FROM notice WHERE amount > 0
	UNION ALL
	SELECT max(l.at, max(n.due_at + 1, n.issued_at)) / 86400, -l.amount
	    FROM bill_alloc AS l JOIN notice AS n ON n.id = l.notice_id
	    WHERE n.amount > 0)
    GROUP BY day;

-- A notice's contribution, and its allocations' (their moment follows
-- the notice's owed_from). Notices are never deleted and their amount,
-- issue and due times never change once issued (bill.c); the triggers
-- follow such a change all the same, so the sums stay the rows' sums
-- whatever writes them (kefu check then reports the change itself).
CREATE TRIGGER bill_owed_notice_in AFTER INSERT ON notice
    WHEN NEW.amount > 0
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    VALUES (max(NEW.due_at + 1, NEW.issued_at) / 86400, NEW.amount)
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	-- (None before its notice, but for a row id used again.)
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(l.at, max(NEW.due_at + 1, NEW.issued_at)) / 86400,
	    -l.amount FROM bill_alloc AS l WHERE l.notice_id = NEW.id
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

CREATE TRIGGER bill_owed_notice_out AFTER DELETE ON notice
    WHEN OLD.amount > 0
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    VALUES (max(OLD.due_at + 1, OLD.issued_at) / 86400, -OLD.amount)
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(l.at, max(OLD.due_at + 1, OLD.issued_at)) / 86400,
	    l.amount FROM bill_alloc AS l WHERE l.notice_id = OLD.id
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

CREATE TRIGGER bill_owed_notice_set AFTER UPDATE OF amount, due_at,
    issued_at ON notice
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(OLD.due_at + 1, OLD.issued_at) / 86400, -OLD.amount
	    WHERE OLD.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(l.at, max(OLD.due_at + 1, OLD.issued_at)) / 86400,
	    l.amount FROM bill_alloc AS l WHERE l.notice_id = OLD.id AND
	    OLD.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(NEW.due_at + 1, NEW.issued_at) / 86400, NEW.amount
	    WHERE NEW.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(l.at, max(NEW.due_at + 1, NEW.issued_at)) / 86400,
	    -l.amount FROM bill_alloc AS l WHERE l.notice_id = NEW.id AND
	    NEW.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

-- An allocation's contribution (allocations are never changed nor
-- deleted: a void adds a reversing row; followed all the same).
CREATE TRIGGER bill_owed_alloc_in AFTER INSERT ON bill_alloc
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(NEW.at, max(n.due_at + 1, n.issued_at)) / 86400,
	    -NEW.amount FROM notice AS n WHERE n.id = NEW.notice_id AND
	    n.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

CREATE TRIGGER bill_owed_alloc_out AFTER DELETE ON bill_alloc
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(OLD.at, max(n.due_at + 1, n.issued_at)) / 86400,
	    OLD.amount FROM notice AS n WHERE n.id = OLD.notice_id AND
	    n.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

CREATE TRIGGER bill_owed_alloc_set AFTER UPDATE OF notice_id, amount, at
    ON bill_alloc
BEGIN
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(OLD.at, max(n.due_at + 1, n.issued_at)) / 86400,
	    OLD.amount FROM notice AS n WHERE n.id = OLD.notice_id AND
	    n.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
	INSERT INTO bill_owed_day (day, owed)
	    SELECT max(NEW.at, max(n.due_at + 1, n.issued_at)) / 86400,
	    -NEW.amount FROM notice AS n WHERE n.id = NEW.notice_id AND
	    n.amount > 0
	    ON CONFLICT (day) DO UPDATE SET owed = owed + excluded.owed;
END;

-- The rest of the day: the notices that became owed in it (by
-- owed_from, the expression the report writes) and, through
-- bill_alloc_by_time (024), the day's allocations.
CREATE INDEX notice_owed_from ON notice (max(due_at + 1, issued_at),
    amount) WHERE amount > 0;

-- 024's index for the old whole-history sum of what was due: nothing
-- reads it now (the day sums replace it).
DROP INDEX notice_due_amount;

-- ---- Contacts received ----
--
-- A month holds some 170,000 contacts at 10,000,000: counting them by
-- channel and purpose walked 170,000 index entries. contact_day counts
-- them by UTC day, channel and purpose (at most 40 rows a day); a month
-- is its whole days from here and its first and last hours from
-- contact_cell (024). Kept by the triggers below in the transaction of
-- every contact logged, edited (its time, channel or purpose) or
-- removed.
CREATE TABLE contact_day (
	day	INTEGER NOT NULL,	-- UTC day: contact.at div 86400
	channel	INTEGER NOT NULL,
	purpose	INTEGER NOT NULL,
	n	INTEGER NOT NULL,	-- contacts
	PRIMARY KEY (day, channel, purpose)
) STRICT, WITHOUT ROWID;

INSERT INTO contact_day (day, channel, purpose, n)
    SELECT at / 86400, channel, purpose, count(*) FROM contact
    GROUP BY at / 86400, channel, purpose;

CREATE TRIGGER contact_day_in AFTER INSERT ON contact
BEGIN
	INSERT INTO contact_day (day, channel, purpose, n)
	    VALUES (NEW.at / 86400, NEW.channel, NEW.purpose, 1)
	    ON CONFLICT (day, channel, purpose) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contact_day_out AFTER DELETE ON contact
BEGIN
	INSERT INTO contact_day (day, channel, purpose, n)
	    VALUES (OLD.at / 86400, OLD.channel, OLD.purpose, -1)
	    ON CONFLICT (day, channel, purpose) DO UPDATE SET n = n - 1;
END;

CREATE TRIGGER contact_day_set AFTER UPDATE OF at, channel, purpose
    ON contact
BEGIN
	INSERT INTO contact_day (day, channel, purpose, n)
	    VALUES (OLD.at / 86400, OLD.channel, OLD.purpose, -1)
	    ON CONFLICT (day, channel, purpose) DO UPDATE SET n = n - 1;
	INSERT INTO contact_day (day, channel, purpose, n)
	    VALUES (NEW.at / 86400, NEW.channel, NEW.purpose, 1)
	    ON CONFLICT (day, channel, purpose) DO UPDATE SET n = n + 1;
END;
