-- 014: a placeholder on the `cli` branch only, so that 015 is in sequence
-- (cmake/embed.cmake). Migration 014 belongs to another branch of issue 11:
-- when both are merged, this file is dropped and that 014 takes its place.
SELECT 1;
