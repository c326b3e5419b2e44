-- 001_foundation: staff accounts, policies, the audit chain.
-- Never edit a landed migration; add the next number instead.
-- Times are INTEGER UTC epoch seconds; money is INTEGER fen.

CREATE TABLE staff (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	display_name	TEXT NOT NULL,
	roles		TEXT NOT NULL,		-- canonical comma list: "dispatcher,admin"
	unix_user	TEXT UNIQUE,
	pw_hash		TEXT,			-- argon2id string (libsodium), or NULL
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;

-- The configurable numbers of RULES.md (see include/kefu/policy.h).
-- unit: 0 seconds, 1 minute of day, 2 days, 3 permille.
CREATE TABLE policy (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	value		INTEGER NOT NULL,
	unit		INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 3),
	min_value	INTEGER NOT NULL,
	max_value	INTEGER NOT NULL,
	rule		TEXT NOT NULL,
	description	TEXT NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (value BETWEEN min_value AND max_value)
) STRICT;

INSERT INTO policy (key, value, unit, min_value, max_value, rule, description) VALUES
 ('repair.arrive_within',      2400, 0, 60, 86400, 'R2',
  'On site within this time of a gas equipment repair report'),
 ('pipeline.ordinary_within', 14400, 0, 600, 604800, 'R3',
  'Ordinary pipeline-network fault cleared within this time'),
 ('pipeline.major_within',    86400, 0, 600, 604800, 'R3',
  'Major pipeline-network fault repaired within this time'),
 ('viewing.opens',              480, 1, 0, 1439, 'R6',
  'House viewings start (local time)'),
 ('viewing.closes',            1050, 1, 0, 1439, 'R6',
  'House viewings end (local time); later only by appointment'),
 ('viewing.wait_until',        1260, 1, 0, 1439, 'R6',
  'Latest time staff wait for an appointed viewer'),
 ('complaint.track_within',       2, 2, 1, 60, 'R33',
  'Result of a complaint made to the company tracked within'),
 ('complaint.invalid_reply_within', 2, 2, 1, 60, 'R34',
  'Invalid complaint: complainant contacted within'),
 ('complaint.analyse_within',     1, 2, 1, 60, 'R35',
  'Valid complaint: cause and responsibility analysed within'),
 ('complaint.municipal_reply_within', 3, 2, 1, 60, 'R38',
  'Complaint involving a municipal body: complainant contacted within'),
 ('callback.sample_rate',        50, 3, 1, 1000, 'R42',
  'Share of completed work orders called back each month');

CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES staff(id),	-- NULL for the system
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	INTEGER NOT NULL,
	version		INTEGER NOT NULL,
	before		TEXT,
	after		TEXT,
	prev_hash	BLOB NOT NULL,
	hash		BLOB NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit (entity, entity_id, version);
CREATE INDEX audit_by_actor ON audit (actor, id);

-- The newest row's id and hash: a deleted tail row shows as a mismatch.
CREATE TABLE audit_head (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	last_id		INTEGER NOT NULL,
	last_hash	BLOB NOT NULL
) STRICT;
INSERT INTO audit_head VALUES (1, 0, zeroblob(32));

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
