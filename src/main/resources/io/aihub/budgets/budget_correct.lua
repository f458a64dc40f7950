-- Reconciliation: replaces a counter with the ledger's truth only if nothing touched it since it was read
-- (its seq is unchanged), so a correction never overwrites a reservation made meanwhile.
-- KEYS[1]  the counter hash
-- ARGV     seq as read, spent hi, spent lo, reserved hi, reserved lo, now (ms)
-- returns  {1} corrected, {0} changed meanwhile (or gone)
if redis.call('HGET', KEYS[1], 'seq') ~= ARGV[1] then
  return {0}
end
redis.call('HSET', KEYS[1], 'sh', ARGV[2], 'sl', ARGV[3], 'rh', ARGV[4], 'rl', ARGV[5], 'at', ARGV[6])
redis.call('HINCRBY', KEYS[1], 'seq', 1)
return {1}
