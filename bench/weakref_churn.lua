-- weakref_churn: the Lua twin. A weakref is a weak-valued table holding the object; the
-- callback is the object's __gc finalizer (Lua's only death notification). Lua has no
-- reference counting, so "dropped at once" means "left to the incremental collector"
-- (phase 1 cannot check that the referent is gone right away). Phase 2: self-cycles, as
-- in the Python twin. Phase 3: a weak-valued table as the WeakValueDictionary cache.
-- The check line counts finalizer calls and leftovers, as the Python twin does.
-- Lines starting with "timing " are in-script figures (CPU time, os.clock, as the Python
-- twin's time.process_time); bench/run reports them apart.
local called = 0
local Obj = { __gc = function(self) called = called + 1 end }
local weak_mode = { __mode = "v" }

local function new_obj(i)
  return setmetatable({ i = i }, Obj)
end

local function refcount_churn(n)
  local total = 0
  for i = 0, n - 1 do
    local o = new_obj(i)
    local r = setmetatable({ o }, weak_mode)
    total = total + (r[1].i & 7)
    o = nil
  end
  collectgarbage("collect")  -- what refcounting did at once in Python
  return total
end

local function cycle_churn(n)
  local refs, count, limit = {}, 0, 1000
  for i = 0, n - 1 do
    local o = new_obj(i)
    o.me = o
    count = count + 1
    refs[count] = setmetatable({ o }, weak_mode)
    if count >= limit then  -- drop the dead ones (doubling: linear even if none died)
      local kept, k = {}, 0
      for j = 1, count do
        if refs[j][1] ~= nil then k = k + 1; kept[k] = refs[j] end
      end
      refs, count = kept, k
      limit = math.max(1000, 2 * count)
    end
  end
  collectgarbage("collect")
  local alive = 0
  for j = 1, count do
    if refs[j][1] ~= nil then alive = alive + 1 end
  end
  return alive
end

local function cache_churn(n)
  local cache = setmetatable({}, weak_mode)
  local total = 0
  for i = 0, n - 1 do
    local o = new_obj(i)
    cache[i & 1023] = o
    total = total + (cache[i & 1023].i & 3)
  end
  collectgarbage("collect")
  local left = 0
  for _ in pairs(cache) do left = left + 1 end
  return total, left
end

local function main(n_refcount, n_cycle, n_cache)
  local t0 = os.clock()
  local total = refcount_churn(n_refcount)
  local t1 = os.clock()
  local phase1 = called
  called = 0
  local survivors = cycle_churn(n_cycle)
  local t2 = os.clock()
  local phase2 = called
  local total2, left = cache_churn(n_cache)
  local t3 = os.clock()
  print(string.format("weakref_churn: refcount %d of %d callbacks (checksum %d), "
    .. "collector %d of %d callbacks (%d alive), cache checksum %d, %d entries left",
    phase1, n_refcount, total, phase2, n_cycle, survivors, total2, left))
  print(string.format("timing refcount %.4f s", t1 - t0))
  print(string.format("timing refcount_per_object %.1f ns", (t1 - t0) * 1e9 / n_refcount))
  print(string.format("timing collector %.4f s", t2 - t1))
  print(string.format("timing collector_per_object %.1f ns", (t2 - t1) * 1e9 / n_cycle))
  print(string.format("timing cache %.4f s", t3 - t2))
  print(string.format("timing cache_per_object %.1f ns", (t3 - t2) * 1e9 / n_cache))
end

main(1500000, 300000, 300000)
