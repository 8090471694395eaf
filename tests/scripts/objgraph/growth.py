# show_growth and growth count peaks of the object counts by type; a filter keeps the
# table to the types this test creates.
import objgraph


class Leaky:
    pass


class Other:
    pass


def ours(o):
    return type(o).__name__ in ('Leaky', 'Other')


kept = []
peak = {}
print(objgraph.growth(peak_stats=peak, filter=ours))
kept.append(Leaky())
kept.append(Leaky())
kept.append(Other())
print(objgraph.growth(peak_stats=peak, filter=ours))
print(sorted(peak.items()))
kept.append(Leaky())
objgraph.show_growth(peak_stats=peak, filter=ours)
print('-- nothing new:')
objgraph.show_growth(peak_stats=peak, filter=ours)
kept.pop()
kept.pop()
print('-- fewer than the peak:')
objgraph.show_growth(peak_stats=peak, filter=ours)
kept.extend([Other() for i in range(120)])
kept.extend([Leaky() for i in range(5)])
objgraph.show_growth(peak_stats=peak, filter=ours)
objgraph.show_growth(limit=1, peak_stats=peak, filter=ours)
kept.append(Leaky())
objgraph.show_growth(filter=ours)
kept.append(Leaky())
objgraph.show_growth(filter=ours, shortnames=False)
