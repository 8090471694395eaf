# Pure-Python parts of tracemalloc on hand-made traces: _format_size units, the str/repr
# of Statistic, StatisticDiff, Trace, Frame and Traceback, grouping, comparing, filters.
import tracemalloc
from tracemalloc import _format_size, Statistic, StatisticDiff, Traceback, Frame, Trace, Snapshot, Filter, DomainFilter
for n in [0, 1, 99, 100, 1023, 1024, 10239, 10240, 102400, 1048575, 10*1024*1024, 5*1024**4, 2**60, -5, -20000, 12.5]:
    print(n, _format_size(n, False), _format_size(n, True))
tb = Traceback((('b.py', 2), ('a.py', 1)), 7)
print(repr(tb), str(tb), len(tb), tb[0], tb[-1], tb[0:1], list(tb), tb.total_nframe)
print(Frame(('a.py', 1)) in tb, tb.index(Frame(('b.py', 2))), tb.count(Frame(('b.py', 2))))
print(tb.format(), tb.format(1), tb.format(-1), tb.format(most_recent_first=True))
tb2 = Traceback((('x.py', 3),))
s = Statistic(tb2, 1536, 3)
print(s, repr(s))
print(Statistic(tb2, 0, 0))
d = StatisticDiff(tb2, 1024*1024*3, -2048, 8, -2)
print(d, repr(d))
print(StatisticDiff(tb2, 0, -100, 0, -1))
print(tb < tb2, tb > tb2, tb == Traceback((('b.py', 2), ('a.py', 1))), hash(tb) == hash(Traceback((('b.py', 2), ('a.py', 1)))))
print(Frame(('a', 1)) < Frame(('a', 2)), Frame(('a', 1)) >= Frame(('a', 2)), repr(Frame(('a', 1))), str(Frame(('a', 1))))
t = Trace((0, 4096, (('m.py', 9), ('n.py', 10)), 2))
print(t, repr(t), t.domain, t.size, repr(t.traceback))
traces = [
    (0, 100, (('a.py', 1), ('main.py', 10)), 2),
    (0, 200, (('a.py', 1), ('main.py', 11)), 2),
    (0, 50, (('a.py', 2), ('main.py', 10)), 2),
    (1, 30, (('b.py', 5), ('main.py', 12)), 2),
    (0, 7, (('lib/c.pyc', 5),), 1),
]
snap = Snapshot(traces, 2)
for kt in ['lineno', 'filename', 'traceback']:
    for st in snap.statistics(kt):
        print(kt, st, '|', repr(st))
for kt in ['lineno', 'filename']:
    for st in snap.statistics(kt, cumulative=True):
        print('cum', kt, st)
for e in [lambda: snap.statistics('x'), lambda: snap.statistics('traceback', True), lambda: snap.filter_traces(3), lambda: snap.statistics()]:
    try: e()
    except Exception as ex: print(type(ex).__name__, ex)
old = Snapshot(traces[1:4] + [(0, 999, (('gone.py', 1),), 1)], 2)
for st in snap.compare_to(old, 'lineno'):
    print('diff', st)
for st in snap.compare_to(old, 'filename', cumulative=True):
    print('cdiff', st)
for flt in [[Filter(True, 'a.py')], [Filter(False, 'a.py')], [Filter(True, 'main.py', all_frames=True)],
            [Filter(True, 'a.py', 2)], [Filter(True, '*.py', domain=1)], [Filter(False, '*', domain=1)],
            [DomainFilter(True, 1)], [DomainFilter(False, 1)], [Filter(True, 'lib/c.py')], [Filter(True, '[ab].py')],
            [Filter(True, '?.p[!x]')], [Filter(False, 'a*'), Filter(False, 'b*')], [], [Filter(True, 'a.py'), Filter(True, 'b.py')]]:
    s2 = snap.filter_traces(flt)
    print(len(s2.traces), [t.size for t in s2.traces], s2.traceback_limit)
print(snap.traces, snap.traces[0], snap.traces[1:3], snap.traces[0] in snap.traces)
print(Filter(True, 'x.pyc').filename_pattern, Filter(True, 'x').lineno, Filter(False, 'x').inclusive, DomainFilter(True, 3).domain)
print(Statistic(tb2, 1, 1) == Statistic(tb2, 1, 1), hash(Statistic(tb2, 1, 1)) == hash(Statistic(tb2, 1, 1)))
try:
    tracemalloc.take_snapshot()
except RuntimeError as e: print(e)
print(tracemalloc.get_object_traceback(object()))
