-- 008: the search body of every customer gains a last line, the address
-- parts joined (电力小区2号楼3单元201), so an address typed without
-- spaces, as people type Chinese, is found. src/core/customer.c
-- (reindex) writes the same body for every customer added or changed.
DELETE FROM customer_fts;
INSERT INTO customer_fts (rowid, body)
SELECT id, name || char(10) || account ||
    CASE WHEN phones = '' THEN ''
        ELSE char(10) || replace(phones, ',', char(10)) END ||
    char(10) || community || char(10) || building || char(10) || unit ||
    char(10) || room || char(10) || address ||
    char(10) || community || building || unit || room
FROM customer;
