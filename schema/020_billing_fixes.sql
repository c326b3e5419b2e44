-- 020: billing fixes after review (issue 14).
--
-- R15: a period is locked per community. A community's notice run
-- (bill_run, per period and community) locks its own readings and rates;
-- bill_period keeps marks for every community (community '') made by
-- kf_bill_period_mark_tx. The runs made before this version marked
-- bill_period for every community: each such mark now names the community
-- of the period's first run, so another community's month is open again
-- until its own run (its bill_run row still locks the others' runs).
ALTER TABLE bill_period ADD COLUMN community TEXT NOT NULL DEFAULT '';
UPDATE bill_period SET community = (SELECT r.community FROM bill_run AS r
    WHERE r.period = bill_period.period ORDER BY r.id LIMIT 1)
    WHERE EXISTS (SELECT 1 FROM bill_run AS r
    WHERE r.period = bill_period.period);

-- R15: the late fee a day was stored in permille and typed as a percent
-- with one decimal, so 万分之三 (0.03%) or 万分之五 could not be set. It is
-- now per ten thousand a day (unit 4): the key says so and the value is
-- converted (5 permille = 50 per ten thousand). The policy table is made
-- again to allow unit 4 (its CHECK); its rows keep their ids.
CREATE TABLE policy_new (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	value		INTEGER NOT NULL,
	unit		INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 4),
	min_value	INTEGER NOT NULL,
	max_value	INTEGER NOT NULL,
	rule		TEXT NOT NULL,
	description	TEXT NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (value BETWEEN min_value AND max_value)
) STRICT;
INSERT INTO policy_new (id, key, value, unit, min_value, max_value, rule,
    description, version)
    SELECT id, key, value, unit, min_value, max_value, rule, description,
    version FROM policy;
DROP TABLE policy;
ALTER TABLE policy_new RENAME TO policy;
UPDATE policy SET key = 'bill.late_fee_per_10000', value = value * 10,
    unit = 4, max_value = 1000,
    description = 'Late fee a day overdue, per ten thousand of the unpaid fees (万分之N; 0: no late fee)'
    WHERE key = 'bill.late_fee_permille';
