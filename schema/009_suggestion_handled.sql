-- 009: a suggestion leaves its queue when it is handled (R7): who handled
-- it, when, and the outcome (into the work plan, to leadership, not
-- adopted). The queue index covers only the suggestions still waiting.
ALTER TABLE contact ADD COLUMN handled_at INTEGER;
ALTER TABLE contact ADD COLUMN handled_by INTEGER REFERENCES staff(id);
ALTER TABLE contact ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
DROP INDEX contact_queue;
CREATE INDEX contact_queue ON contact (routed_to, id)
    WHERE purpose = 2 AND handled_at IS NULL;
