-- dict_str: string-keyed table insert, lookup, update and delete; string building.
local function run(n, rounds)
  local keys = {}
  for i = 0, n - 1 do keys[i] = "key" .. i end
  local checksum = 0
  for r = 0, rounds - 1 do
    local d = {}
    local count = 0
    for i = 0, n - 1 do
      if d[keys[i]] == nil then count = count + 1 end
      d[keys[i]] = i + r
    end
    for i = 0, n - 1 do
      checksum = checksum + d[keys[i]]
    end
    for i = 0, n - 1, 3 do
      d[keys[i]] = d[keys[i]] + 1
    end
    local hits = 0
    for i = 0, n - 1, 2 do
      if d["key" .. tostring(i)] ~= nil then hits = hits + 1 end
    end
    for i = 0, n - 1, 5 do
      d[keys[i]] = nil
      count = count - 1
    end
    checksum = (checksum + hits + count) % 1000000007
  end
  return checksum
end

local N = 50000
local ROUNDS = 40
print(string.format("dict_str %dx%d: checksum=%d", N, ROUNDS, run(N, ROUNDS)))
