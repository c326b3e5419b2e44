-- 007: R52's sixty seconds as a policy, so a company can tune when the
-- Reception screen's hold timer offers the caller a callback.
INSERT INTO policy (key, value, unit, min_value, max_value, rule, description)
VALUES ('call.offer_callback_after', 60, 0, 10, 600, 'R52',
  'Offer the caller a callback after this long on hold');
