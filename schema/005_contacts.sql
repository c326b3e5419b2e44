-- 005_contacts: the contact log (来电/来访登记, R1, R4, R5) and what each
-- purpose needs (R6-R10), with the callback promise of R52.

CREATE TABLE contact (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	channel		INTEGER NOT NULL CHECK (channel BETWEEN 0 AND 3),
	purpose		INTEGER NOT NULL CHECK (purpose BETWEEN 0 AND 9),
	customer_id	INTEGER REFERENCES customer(id),
	caller_name	TEXT NOT NULL DEFAULT '',
	caller_title	TEXT NOT NULL DEFAULT '',
	caller_phone	TEXT NOT NULL DEFAULT '',
	asked		TEXT NOT NULL,
	done		TEXT NOT NULL DEFAULT '',
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	appointment_at	INTEGER,
	documents_checked INTEGER NOT NULL DEFAULT 0 CHECK (documents_checked IN (0, 1)),
	accompanied_by	TEXT NOT NULL DEFAULT '',
	key_out_at	INTEGER,
	key_in_at	INTEGER,
	urgency		INTEGER NOT NULL DEFAULT 0 CHECK (urgency IN (0, 1)),
	routed_to	INTEGER NOT NULL DEFAULT 0,	-- role mask (R7)
	formalities	TEXT NOT NULL DEFAULT '',
	received_by	INTEGER REFERENCES staff(id),
	callback_due_at	INTEGER,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX contact_by_time ON contact (at);
CREATE INDEX contact_by_staff ON contact (staff_id, at);
CREATE INDEX contact_by_purpose ON contact (purpose, at);
CREATE INDEX contact_by_customer ON contact (customer_id, at);
-- R7: the suggestion queues.
CREATE INDEX contact_queue ON contact (routed_to, id) WHERE purpose = 2;
