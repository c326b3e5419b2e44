-- 017: billing's rates, meters and readings (issue 14: R12, R13, R14).
--
-- Money in fen; rate prices in 0.01 fen (tariffs have four decimals of a
-- yuan); floor areas in 0.01 m²; usage in whole units of the meter;
-- periods 'YYYY-MM'. Every table is versioned and audited (rate.c,
-- meter.c) and proven against its trail by kefu check (integrity.c).

-- A usage above this share of the meter's mean of its last six usages is
-- flagged and must be confirmed (R13). 3000 permille = 300% = 3x.
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('reading.spike', 3000, 3, 1000, 100000, 'R13',
  'A meter usage above this share of its mean of the last six months must be confirmed');

-- Rate versions: one (kind, community) rate, each row taking effect with
-- a period; never edited (a mistake not yet used is withdrawn).
CREATE TABLE rate (
	id		INTEGER PRIMARY KEY,
	kind		INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),
	community	TEXT NOT NULL DEFAULT '',	-- '' = every community
	effective	TEXT NOT NULL CHECK (effective GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]'),
	basis		INTEGER NOT NULL CHECK (basis BETWEEN 0 AND 2),
	pricing		INTEGER NOT NULL DEFAULT 0 CHECK (pricing IN (0, 1)),
	price_cfen	INTEGER NOT NULL DEFAULT 0 CHECK (price_cfen >= 0),
	tiers		TEXT NOT NULL DEFAULT '',	-- '180:5283,*:8283' (cfen)
	note		TEXT NOT NULL DEFAULT '',
	withdrawn	INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX rate_in_force ON rate (kind, community, effective);

-- Periods whose notices were issued (the notice run marks them): no rate
-- is back-dated over them, none of their readings changes (R15).
CREATE TABLE bill_period (
	id		INTEGER PRIMARY KEY,
	period		TEXT NOT NULL UNIQUE CHECK (period GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]'),
	issued_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A customer's floor area (R12 per m², R14 by area).
CREATE TABLE customer_area (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL UNIQUE REFERENCES customer(id),
	area_dm2	INTEGER NOT NULL CHECK (area_dm2 > 0),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE meter (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	kind		INTEGER NOT NULL CHECK (kind IN (0, 1)),
	customer_id	INTEGER REFERENCES customer(id),	-- NULL: shared
	community	TEXT NOT NULL,
	building	TEXT NOT NULL DEFAULT '',
	position	INTEGER NOT NULL DEFAULT 0,
	digits		INTEGER NOT NULL CHECK (digits BETWEEN 3 AND 9),
	start		INTEGER NOT NULL DEFAULT 0 CHECK (start >= 0),
	share_key	INTEGER NOT NULL DEFAULT 0 CHECK (share_key BETWEEN 0 AND 2),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX meter_round ON meter (community, building, position, code);
CREATE INDEX meter_by_customer ON meter (customer_id) WHERE customer_id IS NOT NULL;

-- Units drawing from a shared meter (R14); a link ends, never goes.
CREATE TABLE meter_link (
	id		INTEGER PRIMARY KEY,
	meter_id	INTEGER NOT NULL REFERENCES meter(id),
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	sub_meter_id	INTEGER REFERENCES meter(id),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX meter_link_by_meter ON meter_link (meter_id, customer_id)
    WHERE active = 1;
CREATE INDEX meter_link_by_customer ON meter_link (customer_id)
    WHERE active = 1;

-- One reading per meter per period (R13); a second is a correction of
-- the same row, audited.
CREATE TABLE reading (
	id		INTEGER PRIMARY KEY,
	meter_id	INTEGER NOT NULL REFERENCES meter(id),
	period		TEXT NOT NULL CHECK (period GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]'),
	value		INTEGER NOT NULL CHECK (value >= 0),
	prev		INTEGER NOT NULL CHECK (prev >= 0),
	usage		INTEGER NOT NULL CHECK (usage >= 0),
	kind		INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2),
	spike		INTEGER NOT NULL DEFAULT 0 CHECK (spike IN (0, 1)),
	reason		TEXT NOT NULL DEFAULT '',
	entered_at	INTEGER NOT NULL,
	entered_by	INTEGER REFERENCES staff(id),
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (meter_id, period)
) STRICT;
