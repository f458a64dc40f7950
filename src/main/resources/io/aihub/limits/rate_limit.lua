-- Sliding-window rate limit: check both limits and, only if both pass, count the request.
-- The same arithmetic as SlidingWindow.java: one-second buckets, a bucket for second s counts while
-- the current second is in [s, s + 59]. A bucket a little in the future (another instance's clock
-- runs a few milliseconds ahead) counts too: dropping it would undercount.
-- KEYS[1]  hash; fields "r:<second>" = requests, "t:<second>" = tokens
-- ARGV     now (epoch ms, from the instances' NTP-synced clocks), requests/min (-1 = unlimited),
--          tokens/min (-1 = unlimited), this request's tokens
-- returns  {1, remaining requests or -1, remaining tokens or -1}
--          {0, 1 = requests | 2 = tokens, retry after ms}
local now = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local second = math.floor(now / 1000)
local oldest = second - 59

local raw = redis.call('HGETALL', KEYS[1])
local seconds, requests, tokens, stale = {}, {}, {}, {}
local usedRequests, usedTokens = 0, 0
for i = 1, #raw, 2 do
  local field = raw[i]
  local s = tonumber(string.sub(field, 3))
  local v = tonumber(raw[i + 1])
  if s < oldest then
    stale[#stale + 1] = field
  else
    if requests[s] == nil then
      requests[s], tokens[s] = 0, 0
      seconds[#seconds + 1] = s
    end
    if string.sub(field, 1, 1) == 'r' then
      requests[s] = requests[s] + v
      usedRequests = usedRequests + v
    else
      tokens[s] = tokens[s] + v
      usedTokens = usedTokens + v
    end
  end
end
if #stale > 0 then
  redis.call('HDEL', KEYS[1], unpack(stale))
end

local requestsDenied = rpm >= 0 and usedRequests + 1 > rpm
local tokensDenied = tpm >= 0 and usedTokens + cost > tpm
if requestsDenied or tokensDenied then
  table.sort(seconds)
  local function retryAfter(used, need, limit, values)
    local released = 0
    for _, s in ipairs(seconds) do
      released = released + values[s]
      if used - released + need <= limit then
        return (s + 60) * 1000 - now
      end
    end
    return 60000
  end
  local which, retry = 2, 0
  if requestsDenied then
    which = 1
    retry = retryAfter(usedRequests, 1, rpm, requests)
  end
  if tokensDenied then
    retry = math.max(retry, retryAfter(usedTokens, cost, tpm, tokens))
  end
  return {0, which, retry}
end

redis.call('HINCRBY', KEYS[1], 'r:' .. second, 1)
if cost > 0 then
  redis.call('HINCRBY', KEYS[1], 't:' .. second, cost)
end
-- The newest bucket counts until the end of second + 59: the key may go one second after that.
redis.call('PEXPIRE', KEYS[1], (second + 61) * 1000 - now)
local remainingRequests, remainingTokens = -1, -1
if rpm >= 0 then remainingRequests = rpm - usedRequests - 1 end
if tpm >= 0 then remainingTokens = tpm - usedTokens - cost end
return {1, remainingRequests, remainingTokens}
