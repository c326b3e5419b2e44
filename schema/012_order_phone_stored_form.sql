-- 012: a work order's contact phone in the one stored form.
--
-- Contacts and customers stored a phone number as its digits (a leading
-- '+' kept); work orders kept it as typed, "138-0013 8000". From this
-- version every record stores the digits (kf_phone_normal); this brings
-- the orders already reported into line, so the same number reads the
-- same everywhere. Only the spelling changes, never the number: the rows
-- touched are those the old rule accepted (digits, spaces, dashes, a
-- leading '+'), and their version and audit trail are left alone (the
-- audit keeps what was typed at the time).
UPDATE work_order
SET contact_phone = replace(replace(contact_phone, ' ', ''), '-', '')
WHERE contact_phone GLOB '*[ -]*'
  AND contact_phone NOT GLOB '*[^0-9 +-]*'
  AND substr(contact_phone, 2) NOT GLOB '*+*';
