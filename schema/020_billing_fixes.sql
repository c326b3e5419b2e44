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
