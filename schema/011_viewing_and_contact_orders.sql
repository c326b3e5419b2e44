-- 011: R6's appointments in full, a contact's work orders, and R9's
-- registered-after orders.
--
-- Staff wait for a booked viewer "unless it is cancelled": the
-- cancellation is recorded on the viewing (when; the versioned update
-- audits who). An appointment outside the viewing hours has an earliest
-- time of day as well as wait_until's latest, so a slip of the keyboard
-- cannot book a viewing for 03:00.
ALTER TABLE contact ADD COLUMN appointment_cancelled_at INTEGER;
-- 07:00, or the viewing hours' start where a site opens earlier (the four
-- times are kept in order: earliest <= opens < closes <= wait_until).
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
SELECT 'viewing.earliest', min(420, value), 1, 0, 1439, 'R6',
  'Earliest time of day a viewing may be booked (local time)'
FROM policy WHERE key = 'viewing.opens';
-- A contact shows the work orders it led to or was linked to: the
-- reporters' table read from the contact's side.
CREATE INDEX order_reporter_contact ON order_reporter (contact_id, order_id);
-- R9's "registered after": when an order was entered, beside the time it
-- was reported. Arrival and work done may be given earlier times only up
-- to this one, so a live order's clock cannot be rewound (R2).
ALTER TABLE work_order ADD COLUMN entered_at INTEGER;
-- The orders already there were entered when their order.new audit row
-- was written (the audit_by_entity index finds it).
UPDATE work_order SET entered_at = (SELECT min(at) FROM audit
    WHERE entity = 'work_order' AND entity_id = work_order.id
    AND action = 'order.new');
-- The board's header counts every open order the filters keep (open,
-- overdue, due soon): this index holds all it reads, so the count never
-- visits the table.
CREATE INDEX order_open_counts ON work_order
    (category, technician_id, state, due_at) WHERE state < 6;
