-- 014: the customer register's search indexes take less room (issue 11).
-- Measured with dbstat on 1,000,000 generated customers (1.12 KB each;
-- docs/performance.md, "Where the bytes go"), these went:
--
-- * customer_fts kept its own copy of every search body (110 bytes a
--   customer) and each body's token count (10 bytes, for bm25 ranking,
--   which kefu never asks for). It now reads the body from the view
--   customer_search (external content) and keeps no counts. The view is
--   the one definition of the body: src/core/customer.c indexes a
--   customer by reading it, so code and migration cannot drift apart.
-- * customer_gram_by_customer and customer_phone_by_customer (006, 102
--   bytes): a change now deletes a customer's old search rows by their
--   primary keys, computed from the row as it was before the change.
-- * customer_by_name (20 bytes): no statement reads it (names are found
--   through customer_gram and customer_fts).
--
-- The body is unchanged (008): name, account, phones, the address parts
-- one per line, and the parts joined (电力小区2号楼3单元201).
--
-- And one index is added, for speed: customer_digits holds every run of
-- seven digits in a customer's body (as a number: its seven digits are
-- fixed, so leading zeros lose nothing), about seven rows a customer.
-- An account number or a phone number is made of digits that are each
-- in one customer in a hundred (trigram "042"), so FTS5 read its whole
-- doclist to find the one customer (D00000042: 16 ms at a million, 0.8
-- at 10,000); a run of seven digits is in a handful of customers at any
-- size. The windows are taken field by field here (phones with their
-- commas, the joined address parts too) and from the body's lines in
-- src/core/customer.c: no run of digits crosses a comma or a newline,
-- so the two give the same set.
DROP INDEX customer_gram_by_customer;
DROP INDEX customer_phone_by_customer;
DROP INDEX customer_by_name;
DROP TABLE customer_fts;
CREATE VIEW customer_search (id, body) AS
SELECT id, name || char(10) || account ||
    CASE WHEN phones = '' THEN ''
        ELSE char(10) || replace(phones, ',', char(10)) END ||
    char(10) || community || char(10) || building || char(10) || unit ||
    char(10) || room || char(10) || address ||
    char(10) || community || building || unit || room
FROM customer;
CREATE VIRTUAL TABLE customer_fts USING fts5(body, tokenize = 'trigram',
    content = 'customer_search', content_rowid = 'id', columnsize = 0);
INSERT INTO customer_fts (customer_fts) VALUES ('rebuild');

CREATE TABLE customer_digits (
	w		INTEGER NOT NULL,	-- seven digits, as a number
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	PRIMARY KEY (w, customer_id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO customer_digits (w, customer_id)
WITH RECURSIVE field (id, s) AS (
	SELECT id, account FROM customer
	UNION ALL SELECT id, phones FROM customer
	UNION ALL SELECT id, name FROM customer
	UNION ALL SELECT id, community FROM customer
	UNION ALL SELECT id, building FROM customer
	UNION ALL SELECT id, unit FROM customer
	UNION ALL SELECT id, room FROM customer
	UNION ALL SELECT id, address FROM customer
	UNION ALL SELECT id, community || building || unit || room FROM customer
), seven (id, s) AS (
	SELECT id, s FROM field
	WHERE s GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'
), at (id, s, i) AS (
	SELECT id, s, 1 FROM seven
	UNION ALL SELECT id, s, i + 1 FROM at WHERE i + 7 <= length(s)
)
SELECT CAST(substr(s, i, 7) AS INTEGER), id FROM at
WHERE substr(s, i, 7) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]';
