-- 015: how far back a contact or a work order may be dated (issue 11).
--
-- A contact logged with an earlier --at, or an order reported with one
-- (R9: registered after), was accepted however far back: an after-hours
-- viewing could be logged as if it had been seen within the hours (R6),
-- and the log (R1) could be rewritten after the fact. Back-dating is now
-- bounded by these two policies, and the time a contact was entered is
-- kept beside the time it began, as work_order.entered_at does for orders
-- (011), so that a back-dated contact shows as such on its record and in
-- its audit trail. Contacts logged before this version have none (NULL).
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES
 ('contact.backdate_within', 86400, 0, 60, 2592000, 'R1',
  'A call or visit may be logged at most this long after it began'),
 ('order.backdate_within', 604800, 0, 60, 2592000, 'R9',
  'A repair done first may be registered at most this long after it was asked for');
ALTER TABLE contact ADD COLUMN entered_at INTEGER;
