-- 003_customers: the customer register and its search indexes (issue 4).

CREATE TABLE customer (
	id		INTEGER PRIMARY KEY,
	account		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	phones		TEXT NOT NULL DEFAULT '',	-- digits, comma-separated
	community	TEXT NOT NULL DEFAULT '',	-- 小区
	building	TEXT NOT NULL DEFAULT '',	-- 楼栋
	unit		TEXT NOT NULL DEFAULT '',	-- 单元
	room		TEXT NOT NULL DEFAULT '',	-- 室
	address		TEXT NOT NULL DEFAULT '',	-- free text
	kind		INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2),
	move_in		TEXT CHECK (move_in IS NULL OR move_in GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	notes		TEXT NOT NULL DEFAULT '',
	status		INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX customer_by_name ON customer (name);
CREATE INDEX customer_by_community ON customer (community);
CREATE INDEX customer_by_building ON customer (building);
CREATE INDEX customer_by_room ON customer (room);

-- Phone numbers, one row each, for exact and prefix lookups.
CREATE TABLE customer_phone (
	phone		TEXT NOT NULL,
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	PRIMARY KEY (phone, customer_id)
) STRICT, WITHOUT ROWID;

-- The one- and two-character pieces of each name, so a surname (王) or a
-- given name's part finds people through an index (FTS5 trigram needs
-- three characters).
CREATE TABLE customer_gram (
	gram		TEXT NOT NULL,
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	PRIMARY KEY (gram, customer_id)
) STRICT, WITHOUT ROWID;

-- Substrings of three or more characters of name, account, phones and
-- address; rowid = customer.id. Kept in step by src/core/customer.c.
CREATE VIRTUAL TABLE customer_fts USING fts5(body, tokenize = 'trigram');
