-- list_ops: append, index, slice, sort, reverse, pop, filtered copy (1-based tables,
-- same values and checksum as list_ops.py).
local function lcg(seed)
  return (seed * 1103515245 + 12345) % 2147483648
end

local function slice(t, from, to, step)  -- Python t[from:to:step], 0-based, to exclusive
  local out = {}
  step = step or 1
  for i = from, to - 1, step do out[#out + 1] = t[i + 1] end
  return out
end

local function run(n, rounds)
  local checksum = 0
  local seed = 42
  for _ = 1, rounds do
    local lst = {}
    for _ = 1, n do
      seed = lcg(seed)
      lst[#lst + 1] = seed % 100000
    end
    for i = 0, n - 1, 7 do
      lst[i + 1] = lst[i + 1] + lst[n - i]
    end
    local half = slice(lst, 0, n // 2)
    local rest = slice(lst, n // 2, n)
    table.sort(half)
    table.sort(rest, function(a, b) return a > b end)
    local merged = {}
    for _, v in ipairs(half) do merged[#merged + 1] = v end
    for _, v in ipairs(rest) do merged[#merged + 1] = v end
    local m = #merged
    for i = 1, m // 2 do
      merged[i], merged[m - i + 1] = merged[m - i + 1], merged[i]
    end
    local evens = {}
    for _, v in ipairs(merged) do
      if v % 2 == 0 then evens[#evens + 1] = v end
    end
    while #evens > n // 4 do
      evens[#evens] = nil
    end
    local s = 0
    for _, v in ipairs(slice(half, 0, #half, 100)) do s = s + v end
    checksum = (checksum + merged[n // 3 + 1] + evens[#evens] + #evens + s) % 1000000007
  end
  return checksum
end

local N = 50000
local ROUNDS = 25
print(string.format("list_ops %dx%d: checksum=%d", N, ROUNDS, run(N, ROUNDS)))
