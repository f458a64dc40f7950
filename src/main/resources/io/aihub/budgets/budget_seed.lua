-- Sets a budget counter from the ledger's truth unless it exists: set, never added to, so instances
-- seeding at once (or after Redis started empty) cannot double count.
-- KEYS[1]  the counter hash
-- ARGV     spent hi, spent lo, reserved hi, reserved lo, time to live (ms), now (ms)
-- returns  {1} set, {0} it already existed
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0}
end
redis.call('HSET', KEYS[1], 'sh', ARGV[1], 'sl', ARGV[2], 'rh', ARGV[3], 'rl', ARGV[4], 'seq', 0, 'at', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1}
