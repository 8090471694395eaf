-- method_calls: method calls through metatables, field reads and writes, one override.
local Counter = {}
Counter.__index = Counter
function Counter.new()
  return setmetatable({ value = 0 }, Counter)
end
function Counter:inc(by)
  self.value = self.value + by
  return self
end
function Counter:get()
  return self.value
end

local ModCounter = setmetatable({}, { __index = Counter })
ModCounter.__index = ModCounter
function ModCounter.new()
  return setmetatable({ value = 0 }, ModCounter)
end
function ModCounter:inc(by)
  self.value = (self.value + by) % 9973
  return self
end

local function run(n)
  local a = Counter.new()
  local b = ModCounter.new()
  local total = 0
  for i = 0, n - 1 do
    a:inc(1)
    b:inc(i)
    total = total + (a:get() & 7)
    total = total + (b:get() & 7)
  end
  return total + a:get() + b:get()
end

local N = 2000000
print(string.format("method_calls %d: checksum=%d", N, run(N)))
