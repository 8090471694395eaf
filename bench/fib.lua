-- fib: recursive calls (function call overhead, small-int arithmetic).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local N = 33
print(string.format("fib(%d) = %d", N, fib(N)))
