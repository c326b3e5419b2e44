-- 004_audit_indexes: audit list filters newest first through an index
-- (an entity's rows, or one record's, by id), not by scanning the trail.
CREATE INDEX audit_by_entity_id ON audit (entity, entity_id, id);
CREATE INDEX audit_by_entity_only ON audit (entity, id);
