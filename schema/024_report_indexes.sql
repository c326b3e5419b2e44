-- 024_report_indexes: what the reports (F7, R53) read by period.
-- Never edit a landed migration; add the next number instead.
--
-- A month's KPI table is a handful of range scans, one per family of
-- figures, each on the time stamp that places a record in the period
-- (docs/reports.md). Where a table is large (contacts, work orders) the
-- index carries every column the whole-service figures read, so the
-- month is counted from the index alone; elsewhere a plain index on the
-- time stamp bounds the rows read to the month's.

-- Contacts by channel and purpose (10,000,000 rows): the whole
-- service's month is 40 range counts of contact_cell; a scoped report
-- reads the month's range of contact_report, which carries the scope's
-- columns (SQLite counts a column named anywhere in a query as needed,
-- even where ":staff IS NULL" leaves it unread).
CREATE INDEX contact_cell ON contact (channel, purpose, at);
CREATE INDEX contact_report ON contact (at, channel, purpose, staff_id,
    customer_id);

-- Work orders by deadline: on-time arrival (R2) and repair (R3).
CREATE INDEX order_report ON work_order (deadline_at, state, category,
    deadline_on_arrival, arrived_at, done_at, technician_id, community);
-- The first record's time (a period before it is refused).
CREATE INDEX order_reported ON work_order (reported_at);
CREATE INDEX callback_created ON callback (created_at);

-- Complaints received in a period, with what their figures and clocks
-- read (covering: the month's complaints without a table lookup).
CREATE INDEX complaint_report ON complaint (registered_at, state,
    result_at, closed_at, reopened_at, duplicate_of, valid, track_due_at,
    analyse_due_at, analysed_at, explain_due_at, reply_due_at, replied_at,
    callback_due_at, callback_done_at, forward_due_at, forwarded_at);
-- Their corrective actions (R36), each a clock of its own.
CREATE INDEX complaint_action_due ON complaint_action (complaint_id,
    due_at, verified_at);
-- Complaints handled: the result recorded in the period.
CREATE INDEX complaint_result ON complaint (result_at, state)
    WHERE result_at IS NOT NULL;

-- Satisfaction: callbacks recorded in the period.
CREATE INDEX callback_done ON callback (done_at, state, score)
    WHERE done_at IS NOT NULL;

-- Money: notices issued, receipts taken, and what was owed at a
-- period's end: notices by due day, allocations by time (covering).
CREATE INDEX notice_issued ON notice (issued_at, amount);
CREATE INDEX receipt_taken ON receipt (taken_at, voided_at, amount);
CREATE INDEX notice_due_amount ON notice (due_at, issued_at, amount);
CREATE INDEX notice_owed ON notice (due_at, issued_at, amount, paid)
    WHERE paid < amount;
CREATE INDEX bill_alloc_by_time ON bill_alloc (at, notice_id, amount);
