-- closures: create closures (upvalues) and call them.
local function make_adder(k)
  return function(x) return x + k end
end

local function make_accumulator()
  local total = 0
  return function(x)
    total = total + x
    return total
  end
end

local function run(n)
  local checksum = 0
  local acc = make_accumulator()
  for i = 0, n - 1 do
    local add = make_adder(i & 255)
    checksum = (checksum + add(i)) % 1000003
    if i % 10 == 0 then acc(i & 15) end
  end
  local square = function(v) return v * v end
  for i = 0, n // 2 - 1 do
    checksum = (checksum + square(i & 1023)) % 1000003
  end
  return checksum + acc(0)
end

local N = 2000000
print(string.format("closures %d: checksum=%d", N, run(N)))
