-- 013: a customer's work orders, every state, newest first.
--
-- Anyone who may read orders finds a closed or cancelled one by its
-- customer (the Dispatch screen's "find", kf_order_of_customer): the
-- history of a household, read by this index in order, never the whole
-- table.
CREATE INDEX order_by_customer ON work_order (customer_id, reported_at, id);
