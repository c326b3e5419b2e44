-- 010: repair work orders (维修单, issue 5) and the paid-service list
-- (有偿服务项目表): R2, R3, R9, R11, R16, R17, R19-R26.

-- The clocks of the two categories without a rule of their own.
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('indoor.arrive_within', 7200, 0, 600, 604800, 'R20',
  'Indoor repair: on site within this time unless an appointment was made'),
 ('paid.arrive_within', 86400, 0, 600, 604800, 'R22',
  'Paid service: on site within this time unless an appointment was made');

CREATE TABLE fee_item (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	unit		TEXT NOT NULL,
	price		INTEGER NOT NULL CHECK (price >= 0),	-- fen
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE work_order (
	id		INTEGER PRIMARY KEY,
	reported_at	INTEGER NOT NULL,
	reported_by	INTEGER NOT NULL REFERENCES staff(id),
	contact_id	INTEGER REFERENCES contact(id),
	customer_id	INTEGER REFERENCES customer(id),
	address		TEXT NOT NULL,
	community	TEXT NOT NULL DEFAULT '',
	building	TEXT NOT NULL DEFAULT '',
	contact_name	TEXT NOT NULL DEFAULT '',
	contact_phone	TEXT NOT NULL DEFAULT '',
	fault		TEXT NOT NULL,
	fee_code	TEXT NOT NULL DEFAULT '',
	category	INTEGER NOT NULL CHECK (category BETWEEN 0 AND 4),
	state		INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 7),
	emergency	INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
	paperwork_pending INTEGER NOT NULL DEFAULT 0,
	needs_approval	INTEGER NOT NULL DEFAULT 0,
	approved_by	INTEGER REFERENCES staff(id),
	approved_at	INTEGER,
	appointment_at	INTEGER,
	deadline_at	INTEGER NOT NULL,
	deadline_on_arrival INTEGER NOT NULL,
	due_at		INTEGER,	-- the deadline while unmet and open
	acked_at	INTEGER,
	acked_by	INTEGER REFERENCES staff(id),
	technician_id	INTEGER REFERENCES staff(id),
	dispatched_at	INTEGER,
	dispatched_by	INTEGER REFERENCES staff(id),
	arrived_at	INTEGER,
	work_done	TEXT NOT NULL DEFAULT '',
	materials	INTEGER NOT NULL DEFAULT 0 CHECK (materials BETWEEN 0 AND 2),
	materials_note	TEXT NOT NULL DEFAULT '',
	done_at		INTEGER,
	signed_name	TEXT NOT NULL DEFAULT '',
	signed_at	INTEGER,
	closed_at	INTEGER,
	cancel_reason	TEXT NOT NULL DEFAULT '',
	amount_due	INTEGER NOT NULL DEFAULT 0,	-- fen
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The dispatch board: open orders by deadline (a small index at any size).
CREATE INDEX order_open ON work_order (deadline_at, id) WHERE state < 6;
CREATE INDEX order_due ON work_order (due_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX order_tech ON work_order (technician_id, deadline_at, id)
    WHERE state < 6;
CREATE INDEX order_all ON work_order (deadline_at, id);
-- Duplicate reports at intake.
CREATE INDEX order_open_address ON work_order (address) WHERE state < 6;
CREATE INDEX order_open_building ON work_order (community, building)
    WHERE state < 6;

CREATE TABLE order_item (
	id		INTEGER PRIMARY KEY,
	order_id	INTEGER NOT NULL REFERENCES work_order(id),
	fee_id		INTEGER NOT NULL REFERENCES fee_item(id),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	unit		TEXT NOT NULL,
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),
	quantity	INTEGER NOT NULL CHECK (quantity > 0),
	amount		INTEGER NOT NULL,
	corrected	INTEGER NOT NULL DEFAULT 0,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX order_item_by_order ON order_item (order_id, id);

-- Callers linked to an order (told when it closes).
CREATE TABLE order_reporter (
	order_id	INTEGER NOT NULL REFERENCES work_order(id),
	contact_id	INTEGER NOT NULL REFERENCES contact(id),
	PRIMARY KEY (order_id, contact_id)
) STRICT, WITHOUT ROWID;
