-- loop: a tight while/for loop with integer arithmetic, no calls.
local function run(n)
  local total = 0
  local i = 0
  while i < n do
    total = (total + i * 7) % 1000003
    i = i + 1
  end
  local acc = 0
  for j = 0, n - 1 do
    acc = (acc * 31 + (j & 1023)) % 1000003
  end
  return total, acc
end

local N = 5000000
local total, acc = run(N)
print(string.format("loop %d: total=%d acc=%d", N, total, acc))
