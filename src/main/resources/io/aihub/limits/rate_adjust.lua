-- Corrects the tokens charged in one bucket (estimate -> actual); never below zero.
-- KEYS[1]  the rate-limit hash
-- ARGV     now (epoch ms), charged at (epoch ms), delta
-- returns  1 applied, 0 dropped (bucket slid out or gone)
local now = math.floor(tonumber(ARGV[1]) / 1000)
local charged = math.floor(tonumber(ARGV[2]) / 1000)
if charged <= now - 60 or charged > now or redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local field = 't:' .. charged
if redis.call('HEXISTS', KEYS[1], 'r:' .. charged) == 0 then
  return 0
end
local value = redis.call('HINCRBY', KEYS[1], field, tonumber(ARGV[3]))
if value < 0 then
  redis.call('HSET', KEYS[1], field, 0)
end
return 1
