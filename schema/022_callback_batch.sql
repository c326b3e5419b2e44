-- 022: the batch parts of callbacks (回访, issue 13): the monthly
-- repair-quality sample (R42), opinion surveys (R41) and open letters
-- (R46). src/core/callback_batch.c writes them; the tasks they make are
-- rows of callback (021), made through kf_callback_task_tx.

-- R42: one sample per month, drawn once and frozen. The seed (the
-- system generator's, stored as the 64 bits of a signed integer), the
-- rate of the month and the population's size and hash are kept, so the
-- draw can be recomputed (kf_callback_sample_verify) and the audit row
-- "callback.sample" says the same. Nothing is deleted.
CREATE TABLE callback_sample (
	month		TEXT PRIMARY KEY
	    CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	seed		INTEGER NOT NULL,
	rate		INTEGER NOT NULL CHECK (rate BETWEEN 1 AND 1000),
	population	INTEGER NOT NULL CHECK (population > 0),
	size		INTEGER NOT NULL CHECK (size BETWEEN 1 AND population),
	population_hash	INTEGER NOT NULL,
	drawn_at	INTEGER NOT NULL,
	drawn_by	INTEGER REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT, WITHOUT ROWID;

-- The orders drawn, in the order drawn (seq 1..size), each once.
CREATE TABLE callback_sample_order (
	month		TEXT NOT NULL REFERENCES callback_sample(month),
	seq		INTEGER NOT NULL CHECK (seq > 0),
	order_id	INTEGER NOT NULL REFERENCES work_order(id),
	PRIMARY KEY (month, seq),
	UNIQUE (month, order_id)
) STRICT, WITHOUT ROWID;

-- The population of a month: the closed work orders (state 6) by
-- closed_at, with the stratum (technician) in the index, so the draw
-- reads a month's orders from the index alone, whatever the table's size.
CREATE INDEX order_closed ON work_order (closed_at, technician_id)
    WHERE state = 6;

-- R41: a supervisor's opinion survey; its tasks (one per customer) are
-- callback rows with survey_id.
CREATE TABLE callback_survey (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL CHECK (title != ''),
	script		TEXT NOT NULL CHECK (script != ''),
	due_at		INTEGER NOT NULL,
	customers	INTEGER NOT NULL CHECK (customers > 0),
	created_at	INTEGER NOT NULL,
	created_by	INTEGER NOT NULL REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;

-- R46: an open letter (公开信), archived: never changed, never deleted.
CREATE TABLE callback_letter (
	id		INTEGER PRIMARY KEY,
	subject		TEXT NOT NULL CHECK (subject != ''),
	text		TEXT NOT NULL CHECK (text != ''),
	dated		INTEGER NOT NULL,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER NOT NULL REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The tasks a letter answered (each done by it, callback.letter_id).
CREATE TABLE callback_letter_task (
	letter_id	INTEGER NOT NULL REFERENCES callback_letter(id),
	callback_id	INTEGER NOT NULL REFERENCES callback(id),
	PRIMARY KEY (letter_id, callback_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER callback_letter_no_delete BEFORE DELETE ON callback_letter
BEGIN
	SELECT RAISE(ABORT, 'an open letter is archived, never deleted (R46)');
END;
CREATE TRIGGER callback_letter_no_update BEFORE UPDATE ON callback_letter
BEGIN
	SELECT RAISE(ABORT, 'an open letter is archived, never changed (R46)');
END;
CREATE TRIGGER callback_sample_no_delete BEFORE DELETE ON callback_sample
BEGIN
	SELECT RAISE(ABORT, 'a month''s sample is kept, never deleted (R42)');
END;
CREATE TRIGGER callback_sample_no_update BEFORE UPDATE ON callback_sample
BEGIN
	SELECT RAISE(ABORT, 'a month''s sample is frozen once drawn (R42)');
END;
