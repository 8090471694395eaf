"""tracemalloc: trace the memory blocks the VM allocates, by source line.

Ouroboros' take on CPython 3.11's module, written from its documented behaviour: the
native _tracemalloc part (stdlib/mod_tracemalloc.c) records every block with the
innermost frames that allocated it; this part turns its traces into snapshots, groups them
into statistics, compares snapshots and filters them. Sizes are Ouroboros' own block sizes
(docs/tracemalloc.md), so totals differ from CPython's while the lines named agree.
"""

from _tracemalloc import *
from _tracemalloc import _get_object_traceback, _get_traces

_UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB')


def _format_size(size, sign):
    # Bytes up to 10 KiB, then the smallest unit giving at most 4 digits: one decimal
    # below 100 of a unit, none above. `sign` adds '+' to positive numbers.
    last = len(_UNITS) - 1
    for index in range(len(_UNITS)):
        unit = _UNITS[index]
        if index > 0 and abs(size) < 100:
            return ("%+.1f %s" if sign else "%.1f %s") % (size, unit)
        if abs(size) < 10 * 1024 or index == last:
            return ("%+.0f %s" if sign else "%.0f %s") % (size, unit)
        size /= 1024


def _average_text(size, count):
    if not count:
        return ""
    return ", average=%s" % _format_size(size / count, False)


class Statistic:
    """
    Statistic difference on memory allocations between two Snapshot instance.
    """

    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def _key(self):
        return (self.traceback, self.size, self.count)

    def __hash__(self):
        return hash(self._key())

    def __eq__(self, other):
        if isinstance(other, Statistic):
            return self._key() == other._key()
        return NotImplemented

    def __str__(self):
        return "%s: size=%s, count=%i%s" % (self.traceback, _format_size(self.size, False),
                                             self.count, _average_text(self.size, self.count))

    def __repr__(self):
        return '<Statistic traceback=%r size=%i count=%i>' % (self.traceback, self.size,
                                                               self.count)

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    """
    Statistic difference on memory allocations between an old and a new
    Snapshot instance.
    """

    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def _key(self):
        return (self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def __hash__(self):
        return hash(self._key())

    def __eq__(self, other):
        if isinstance(other, StatisticDiff):
            return self._key() == other._key()
        return NotImplemented

    def __str__(self):
        return "%s: size=%s (%s), count=%i (%+i)%s" % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff, _average_text(self.size, self.count))

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>' % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)

    def _sort_key(self):
        return (abs(self.size_diff), self.size, abs(self.count_diff), self.count,
                self.traceback)


def _compare_grouped_stats(old_group, new_group):
    # Every key of the new group, against the old one when it was there too; then what
    # only the old group had, as freed.
    result = []
    for traceback, stat in new_group.items():
        before = old_group.pop(traceback, None)
        old_size = before.size if before is not None else 0
        old_count = before.count if before is not None else 0
        result.append(StatisticDiff(traceback, stat.size, stat.size - old_size,
                                    stat.count, stat.count - old_count))
    for traceback, stat in old_group.items():
        result.append(StatisticDiff(traceback, 0, -stat.size, 0, -stat.count))
    return result


class Frame:
    """
    Frame of a traceback.
    """

    __slots__ = ("_frame",)

    def __init__(self, frame):
        # frame: the (filename, lineno) pair
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if isinstance(other, Frame):
            return self._frame == other._frame
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, Frame):
            return self._frame < other._frame
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, Frame):
            return self._frame > other._frame
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, Frame):
            return self._frame <= other._frame
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, Frame):
            return self._frame >= other._frame
        return NotImplemented

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self._frame[0], self._frame[1])

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self._frame[0], self._frame[1])


_line_cache = {}


def _source_line(filename, lineno):
    # linecache.getline's answer: the line's text, '' when the file or line is missing.
    lines = _line_cache.get(filename)
    if lines is None:
        try:
            with open(filename) as source:
                lines = source.readlines()
        except (OSError, UnicodeDecodeError, ValueError):
            lines = []
        _line_cache[filename] = lines
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


class Traceback:
    """
    Sequence of Frame instances sorted from the oldest frame
    to the most recent frame.
    """

    __slots__ = ("_frames", '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        # _tracemalloc gives the most recent frame first; a Traceback reads oldest first.
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Frame(pair) for pair in self._frames[index]])
        return Frame(self._frames[index])

    def __iter__(self):
        for pair in self._frames:
            yield Frame(pair)

    def __reversed__(self):
        for pair in reversed(self._frames):
            yield Frame(pair)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def index(self, value, start=0, stop=None):
        frames = self._frames if stop is None else self._frames[:stop]
        for i in range(start if start >= 0 else max(len(frames) + start, 0), len(frames)):
            if Frame(frames[i]) == value:
                return i
        raise ValueError

    def count(self, value):
        return sum(1 for frame in self if frame == value)

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if isinstance(other, Traceback):
            return self._frames == other._frames
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, Traceback):
            return self._frames < other._frames
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, Traceback):
            return self._frames > other._frames
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, Traceback):
            return self._frames <= other._frames
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, Traceback):
            return self._frames >= other._frames
        return NotImplemented

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        text = "<Traceback %s" % (tuple(self),)
        if self._total_nframe is None:
            return text + ">"
        return text + " total_nframe=%s>" % (self._total_nframe,)

    def format(self, limit=None, most_recent_first=False):
        if limit is None:
            frames = tuple(self)
        elif limit > 0:
            frames = self[-limit:]          # the most recent `limit` frames
        else:
            frames = self[:limit]           # all but the -limit most recent ones
        if most_recent_first:
            frames = tuple(reversed(frames))
        lines = []
        for frame in frames:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            source = _source_line(frame.filename, frame.lineno).strip()
            if source:
                lines.append('    %s' % source)
        return lines


def get_object_traceback(obj):
    """
    Get the traceback where the Python object *obj* was allocated.
    Return a Traceback instance.

    Return None if the tracemalloc module is not tracing memory allocations or
    did not trace the allocation of the object.
    """
    frames = _get_object_traceback(obj)
    if frames is None:
        return None
    return Traceback(frames)


class Trace:
    """
    Trace of a memory block.
    """

    __slots__ = ("_trace",)

    def __init__(self, trace):
        # trace: (domain, size, frames, total_nframe), frames most recent first
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], *self._trace[3:])

    def __eq__(self, other):
        if isinstance(other, Trace):
            return self._trace == other._trace
        return NotImplemented

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return "<Trace domain=%s size=%s, traceback=%r>" % (
            self.domain, _format_size(self.size, False), self.traceback)


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Trace(trace) for trace in self._traces[index]])
        return Trace(self._traces[index])

    def __iter__(self):
        for trace in self._traces:
            yield Trace(trace)

    def __reversed__(self):
        for trace in reversed(self._traces):
            yield Trace(trace)

    def __contains__(self, trace):
        return trace._trace in self._traces

    def index(self, value, start=0, stop=None):
        for i in range(start, len(self._traces) if stop is None else stop):
            if Trace(self._traces[i]) == value:
                return i
        raise ValueError

    def count(self, value):
        return sum(1 for trace in self if trace == value)

    def __eq__(self, other):
        if isinstance(other, _Traces):
            return self._traces == other._traces
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _normalize_filename(filename):
    # os.path.normcase is the identity on POSIX; compiled files name their source.
    if filename.endswith('.pyc'):
        return filename[:-1]
    return filename


def _match_class(pattern, start, char):
    # A [...] set starting at pattern[start] ('['): (matched, index after ']'), or
    # (None, start) when no ']' closes it (the '[' is then literal, as fnmatch does).
    i = start + 1
    negate = i < len(pattern) and pattern[i] == '!'
    if negate:
        i += 1
    first = i
    while i < len(pattern) and (pattern[i] != ']' or i == first):
        i += 1
    if i >= len(pattern):
        return None, start
    body = pattern[first:i]
    found = False
    j = 0
    while j < len(body):
        if j + 2 < len(body) and body[j + 1] == '-':
            if body[j] <= char <= body[j + 2]:
                found = True
            j += 3
        else:
            if body[j] == char:
                found = True
            j += 1
    return found != negate, i + 1


def _fnmatch(name, pattern):
    # Shell-style matching (fnmatch.fnmatchcase): '*' any run (slashes too), '?' one
    # character, [seq] / [!seq] a set. Backtracks to the last '*' on a mismatch.
    n = p = 0
    star_p = star_n = -1
    while n < len(name):
        if p < len(pattern):
            c = pattern[p]
            if c == '*':
                star_p, star_n = p, n
                p += 1
                continue
            if c == '?':
                n += 1
                p += 1
                continue
            if c == '[':
                ok, after = _match_class(pattern, p, name[n])
                if ok is None:
                    ok, after = name[n] == '[', p + 1
                if ok:
                    n += 1
                    p = after
                    continue
            elif c == name[n]:
                n += 1
                p += 1
                continue
        if star_p < 0:
            return False
        star_n += 1
        n = star_n
        p = star_p + 1
    while p < len(pattern) and pattern[p] == '*':
        p += 1
    return p == len(pattern)


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False,
                 domain=None):
        super().__init__(inclusive)
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _frame_matches(self, filename, lineno):
        if not _fnmatch(_normalize_filename(filename), self._filename_pattern):
            return False
        return self.lineno is None or lineno == self.lineno

    def _traceback_matches(self, frames):
        if self.all_frames:
            hit = False
            for filename, lineno in frames:
                if self._frame_matches(filename, lineno):
                    hit = True
                    break
        else:
            filename, lineno = frames[0]
            hit = self._frame_matches(filename, lineno)
        # Inclusive filters keep matching traces; exclusive ones keep the others.
        return hit if self.inclusive else not hit

    def _match(self, trace):
        domain, size, frames, total_nframe = trace
        result = self._traceback_matches(frames)
        if self.domain is None:
            return result
        if self.inclusive:
            return result and domain == self.domain
        return result or domain != self.domain


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        return (trace[0] == self._domain) == bool(self.inclusive)


def _is_iterable(obj):
    try:
        iter(obj)
    except TypeError:
        return False
    return True


class Snapshot:
    """
    Snapshot of traces of memory blocks allocated by Python.
    """

    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def _keep(self, include_filters, exclude_filters, trace):
        if include_filters:
            kept = False
            for trace_filter in include_filters:
                if trace_filter._match(trace):
                    kept = True
                    break
            if not kept:
                return False
        for trace_filter in exclude_filters:
            if not trace_filter._match(trace):
                return False
        return True

    def filter_traces(self, filters):
        """
        Create a new Snapshot instance with a filtered traces sequence, filters
        is a list of Filter or DomainFilter instances.  If filters is an empty
        list, return a new Snapshot instance with a copy of the traces.
        """
        if not _is_iterable(filters):
            raise TypeError("filters must be a list of filters, not %s"
                            % type(filters).__name__)
        include_filters = []
        exclude_filters = []
        for trace_filter in filters:
            if trace_filter.inclusive:
                include_filters.append(trace_filter)
            else:
                exclude_filters.append(trace_filter)
        if include_filters or exclude_filters:
            traces = [trace for trace in self.traces._traces
                      if self._keep(include_filters, exclude_filters, trace)]
        else:
            traces = self.traces._traces.copy()
        return Snapshot(traces, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError("cumulative mode cannot by used with key type %r" % key_type)
        by_filename = key_type == 'filename'
        stats = {}
        keys = {}                       # raw frames (or one frame) -> its Traceback key

        def account(raw, frames, size):
            traceback = keys.get(raw)
            if traceback is None:
                traceback = keys[raw] = Traceback(frames)
            stat = stats.get(traceback)
            if stat is None:
                stats[traceback] = Statistic(traceback, size, 1)
            else:
                stat.size += size
                stat.count += 1

        for domain, size, frames, total_nframe in self.traces._traces:
            if cumulative:
                # Each line (or file) of the traceback is charged the whole block.
                for frame in frames:
                    account(frame, ((frame[0], 0),) if by_filename else (frame,), size)
            elif key_type == 'traceback':
                account(frames, frames, size)
            elif by_filename:
                account(frames, ((frames[0][0], 0),), size)
            else:
                account(frames, frames[:1], size)
        return stats

    def statistics(self, key_type, cumulative=False):
        """
        Group statistics by key_type. Return a sorted list of Statistic
        instances.
        """
        result = list(self._group_by(key_type, cumulative).values())
        result.sort(key=Statistic._sort_key, reverse=True)
        return result

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        """
        Compute the differences with an old snapshot old_snapshot. Get
        statistics as a sorted list of StatisticDiff instances, grouped by
        group_by.
        """
        result = _compare_grouped_stats(old_snapshot._group_by(key_type, cumulative),
                                        self._group_by(key_type, cumulative))
        result.sort(key=StatisticDiff._sort_key, reverse=True)
        return result


def take_snapshot():
    """
    Take a snapshot of traces of memory blocks allocated by Python.
    """
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory "
                           "allocations to take a snapshot")
    return Snapshot(_get_traces(), get_traceback_limit())
