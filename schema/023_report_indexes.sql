-- 023_report_indexes: what the reports (F7, R53) read by period.
-- Never edit a landed migration; add the next number instead.
--
-- A month's KPI table is a handful of range scans, one per family of
-- figures, each on the time stamp that places a record in the period
-- (docs/reports.md). Where a table is large (contacts, work orders) the
-- index carries every column the whole-service figures read, so the
-- month is counted from the index alone; elsewhere a plain index on the
-- time stamp bounds the rows read to the month's.

-- Contacts by channel and purpose (10,000,000 rows: covering). The
-- scope's columns ride along: SQLite counts a column named anywhere in
-- the query as needed, even where ":staff IS NULL" makes it unread.
CREATE INDEX contact_report ON contact (at, channel, purpose, staff_id,
    customer_id);

-- Work orders by deadline: on-time arrival (R2) and repair (R3).
CREATE INDEX order_report ON work_order (deadline_at, state, category,
    deadline_on_arrival, arrived_at, done_at, technician_id, community);
-- The first record's time (a period before it is refused).
CREATE INDEX order_reported ON work_order (reported_at);
CREATE INDEX callback_created ON callback (created_at);

-- Complaints handled: the result recorded in the period.
CREATE INDEX complaint_result ON complaint (result_at)
    WHERE result_at IS NOT NULL;

-- Satisfaction: callbacks recorded in the period.
CREATE INDEX callback_done ON callback (done_at)
    WHERE done_at IS NOT NULL;

-- Money: notices issued, receipts taken.
CREATE INDEX notice_issued ON notice (issued_at);
CREATE INDEX receipt_taken ON receipt (taken_at);
-- Arrears at a period's end: the notices paid after it.
CREATE INDEX bill_alloc_by_time ON bill_alloc (at, notice_id);
