-- gc_del_cycles: 2-table cycles whose tables have a __gc finalizer (Lua's __del__).
-- Phase 1: automatic collection stopped; 200 batches of 1,000 cycles, each batch freed by
-- an explicit collectgarbage("collect"). Phase 2: 300,000 cycles reclaimed automatically.
-- The check line counts finalizer calls: every one must have run exactly once.
-- Lines starting with "timing " are in-script figures (CPU time, os.clock, as the Python
-- twin's time.process_time); bench/run reports them apart.
local deleted = 0
local Res = { __gc = function(self) deleted = deleted + 1 end }

local function make_cycles(n)
  for i = 0, n - 1 do
    local a = setmetatable({ peer = false, i = i }, Res)
    local b = setmetatable({ peer = false, i = i }, Res)
    a.peer = b
    b.peer = a
  end
end

local function explicit(batches, size)
  collectgarbage("stop")
  local left_over = 0
  for _ = 1, batches do
    local before = deleted
    make_cycles(size)
    collectgarbage("collect")
    left_over = left_over + 2 * size - (deleted - before)
  end
  collectgarbage("restart")
  return left_over
end

local function main(batches, size, auto)
  local t0 = os.clock()
  local left_over = explicit(batches, size)
  local t1 = os.clock()
  local phase1 = deleted
  deleted = 0
  make_cycles(auto)
  local t2 = os.clock()
  local before_final = deleted
  collectgarbage("collect")
  print(string.format("gc_del_cycles: explicit %d of %d finalized (left over %d), "
    .. "automatic %d of %d finalized, most before the final collect: %s",
    phase1, 2 * batches * size, left_over, deleted, 2 * auto,
    before_final > 2 * auto * 9 // 10 and "True" or "False"))
  print(string.format("timing explicit %.4f s", t1 - t0))
  print(string.format("timing explicit_per_cycle %.1f ns", (t1 - t0) * 1e9 / (batches * size)))
  print(string.format("timing automatic %.4f s", t2 - t1))
  print(string.format("timing automatic_per_cycle %.1f ns", (t2 - t1) * 1e9 / auto))
end

main(200, 1000, 300000)
