-- Sets a quota counter from the database's totals unless it exists: set, never added to, so two
-- instances seeding at once cannot double count.
-- KEYS[1]  the quota hash
-- ARGV     requests, tokens, time to live (ms: until the period's end plus a grace day, by the instances' clock),
--          period start and end (epoch ms; kept so reconciliation can read the database for this period)
-- returns  1 set, 0 already existed
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'requests', ARGV[1], 'tokens', ARGV[2], 'start', ARGV[4], 'end', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
