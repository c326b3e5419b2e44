-- 002_tui: what the terminal UI keeps per person: drafts of unsaved forms
-- and preferences; and an index so the staff list pages by name.
-- Drafts and preferences are a person's scratch state, not records: they
-- are not versioned or audited (docs/architecture.md).

CREATE TABLE draft (
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	form		TEXT NOT NULL,			-- "staff.add", "staff.edit", ...
	record_id	INTEGER NOT NULL DEFAULT 0,	-- the record being edited, 0 for new
	body		TEXT NOT NULL,			-- the fields, see src/core/draft.c
	saved_at	INTEGER NOT NULL,
	PRIMARY KEY (staff_id, form, record_id)
) STRICT;

CREATE TABLE pref (
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	key		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (staff_id, key)
) STRICT;

CREATE INDEX staff_by_name ON staff (display_name, login);
