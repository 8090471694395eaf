"""objgraph: count the objects the collector tracks and draw who refers to whom.

API-compatible with Marius Gedminas' objgraph 3.x (docs/objgraph.md lists the differences),
written for ouro on gc.get_objects / get_referrers / get_referents, sys.getrefcount and id().
Graphs are GraphViz .dot text; pictures are rendered by the `dot` program through os.system
when both are there. Needs no types/inspect/os.path module: the types are taken from samples.
"""

import gc
import sys

try:
    import os
except ImportError:
    os = None

__all__ = [
    'count', 'typestats', 'most_common_types', 'show_most_common_types', 'growth',
    'show_growth', 'get_new_ids', 'get_leaking_objects', 'by_type', 'at', 'at_addrs',
    'find_ref_chain', 'find_backref_chain', 'show_backrefs', 'show_refs', 'show_chain',
    'is_proper_module',
]

__version__ = '3.5.0'


class _Sample:
    def method(self):
        pass


# The types objgraph takes from the `types` module, which ouro does not have.
_ModuleType = type(sys)
_FunctionType = type(lambda: None)
_BuiltinFunctionType = type(len)
_BuiltinMethodType = type([].append)
_MethodType = type(_Sample().method)
del _Sample

# Graph files named by objgraph itself (no filename given) are numbered in one process.
_tmp_counter = [0]

_IDENT_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'
_IDENT_REST = _IDENT_START + '0123456789'


# ---------------------------------------------------------------- counting by type

def _short_typename(obj):
    return type(obj).__name__


def _long_typename(obj):
    objtype = type(obj)
    name = objtype.__name__
    module = getattr(objtype, '__module__', None)
    if module:
        return '%s.%s' % (module, name)
    return name


def _typename_func(typename):
    # A dotted name is matched against the qualified type name, as objgraph 1.8 does.
    if '.' in typename:
        return _long_typename
    return _short_typename


def count(typename, objects=None):
    """Count objects tracked by the garbage collector with a given class name."""
    if objects is None:
        objects = gc.get_objects()
    name_of = _typename_func(typename)
    n = 0
    for o in objects:
        if name_of(o) == typename:
            n += 1
    return n


def by_type(typename, objects=None):
    """Return objects tracked by the garbage collector with a given class name."""
    if objects is None:
        objects = gc.get_objects()
    name_of = _typename_func(typename)
    return [o for o in objects if name_of(o) == typename]


def typestats(objects=None, shortnames=True, filter=None):
    """Count the number of instances for each type tracked by the GC."""
    if objects is None:
        objects = gc.get_objects()
    name_of = _short_typename if shortnames else _long_typename
    stats = {}
    for o in objects:
        if filter and not filter(o):
            continue
        n = name_of(o)
        stats[n] = stats.get(n, 0) + 1
    return stats


def _by_count(item):
    return item[1]


def most_common_types(limit=10, objects=None, shortnames=True, filter=None):
    """Count the names of types with the most instances: [(type_name, count)], most first."""
    stats = sorted(typestats(objects, shortnames=shortnames, filter=filter).items(),
                   key=_by_count, reverse=True)
    if limit:
        stats = stats[:limit]
    return stats


def show_most_common_types(limit=10, objects=None, shortnames=True, file=None, filter=None):
    """Print the table of types of most common instances."""
    if file is None:
        file = sys.stdout
    stats = most_common_types(limit, objects, shortnames=shortnames, filter=filter)
    width = max(len(name) for name, n in stats)
    for name, n in stats:
        file.write('%-*s %i\n' % (width, name, n))


def growth(limit=10, peak_stats={}, shortnames=True, filter=None):
    """Count the increase in peak object counts since the last call.

    Returns [(type_name, total_count, increase_delta)], largest increase first."""
    gc.collect()
    stats = typestats(shortnames=shortnames, filter=filter)
    deltas = {}
    for name, n in stats.items():
        old = peak_stats.get(name, 0)
        if n > old:
            deltas[name] = n - old
            peak_stats[name] = n
    deltas = sorted(deltas.items(), key=_by_count, reverse=True)
    if limit:
        deltas = deltas[:limit]
    return [(name, stats[name], delta) for name, delta in deltas]


def show_growth(limit=10, peak_stats=None, shortnames=True, file=None, filter=None):
    """Show the increase in peak object counts since the last call."""
    if peak_stats is None:
        result = growth(limit, shortnames=shortnames, filter=filter)
    else:
        result = growth(limit, peak_stats, shortnames, filter)
    if result:
        if file is None:
            file = sys.stdout
        width = max(len(name) for name, n, delta in result)
        for name, n, delta in result:
            file.write('%-*s%9d %+9d\n' % (width, name, n, delta))


def _ids_of(table, name):
    ids = table.get(name)
    if ids is None:
        ids = table[name] = set()
    return ids


def get_new_ids(skip_update=False, limit=10, sortby='deltas', shortnames=None, file=None,
                _state={}):
    """Find and display new objects allocated since the last call.

    Returns a dict mapping type names to the sets of ids of objects created since then."""
    if not _state:
        _state['old'] = {}
        _state['current'] = {}
        _state['new'] = {}
        _state['shortnames'] = True
    new_ids = _state['new']
    if skip_update:
        return new_ids
    old_ids = _state['old']
    current_ids = _state['current']
    if shortnames is None:
        shortnames = _state['shortnames']
    else:
        _state['shortnames'] = shortnames
    gc.collect()
    objects = gc.get_objects()
    for ids in old_ids.values():
        ids.clear()
    for name, ids in current_ids.items():
        _ids_of(old_ids, name).update(ids)
    for ids in current_ids.values():
        ids.clear()
    name_of = _short_typename if shortnames else _long_typename
    for o in objects:
        _ids_of(current_ids, name_of(o)).add(id(o))
    del objects, o
    for ids in new_ids.values():
        ids.clear()
    rows = []
    gone = []
    for name, current in current_ids.items():
        old = _ids_of(old_ids, name)
        if not old and not current:
            gone.append(name)
            continue
        fresh = current - old
        _ids_of(new_ids, name).update(fresh)
        rows.append((name, len(old), len(current), len(fresh), len(current) - len(old)))
    for name in gone:
        del old_ids[name]
        del current_ids[name]
        if name in new_ids:
            del new_ids[name]
    column = {'old': 1, 'current': 2, 'new': 3, 'deltas': 4}[sortby]
    rows.sort(key=lambda row: (row[column], row[0]), reverse=True)
    if limit is not None:
        rows = rows[:limit]
    if not rows:
        return new_ids
    if file is None:
        file = sys.stdout
    width = max(len(row[0]) for row in rows)
    rule = '=' * (width + 13 * 4)
    print(rule, file=file)
    print('%-*s%13s%13s%13s%13s' % (width, 'Type', 'Old_ids', 'Current_ids', 'New_ids',
                                    'Count_Deltas'), file=file)
    print(rule, file=file)
    for name, old, current, new, delta in rows:
        print('%-*s%13d%13d%+13d%+13d' % (width, name, old, current, new, delta), file=file)
    print(rule, file=file)
    return new_ids


def get_leaking_objects(objects=None):
    """Return objects that no other tracked object refers to."""
    if objects is None:
        gc.collect()
        objects = gc.get_objects()
    ids = set(id(o) for o in objects)
    for o in objects:
        for r in gc.get_referents(o):
            ids.discard(id(r))
    return [o for o in objects if id(o) in ids]


def at(addr):
    """Return the tracked object whose id() is addr, or None."""
    for o in gc.get_objects():
        if id(o) == addr:
            return o
    return None


def at_addrs(address_set):
    """Return the tracked objects whose ids are in address_set."""
    return [o for o in gc.get_objects() if id(o) in address_set]


def is_proper_module(obj):
    """True if obj is a module that is in sys.modules: a root for the collector's purposes."""
    return (isinstance(obj, _ModuleType)
            and obj is sys.modules.get(getattr(obj, '__name__', None)))


# ---------------------------------------------------------------- chains

def find_ref_chain(obj, predicate, max_depth=20, extra_ignore=()):
    """Find a shortest chain of references leading from obj to an object matching predicate.

    Returns [obj, ..., match], or [obj] if there is none within max_depth."""
    return _find_chain(obj, predicate, gc.get_referents, max_depth, extra_ignore)[::-1]


def find_backref_chain(obj, predicate, max_depth=20, extra_ignore=()):
    """Find a shortest chain of references leading to obj from an object matching predicate.

    Returns [match, ..., obj], or [obj] if there is none within max_depth."""
    return _find_chain(obj, predicate, gc.get_referrers, max_depth, extra_ignore)


def _find_chain(obj, predicate, edge_func, max_depth, extra_ignore):
    # Breadth first; the search's own containers are ignored by id so they never show up
    # as referrers (ouro's frames are not objects, so locals need no ignoring).
    queue = [obj]
    depth = {id(obj): 0}
    parent = {id(obj): None}
    ignore = set(extra_ignore)
    ignore.add(id(extra_ignore))
    ignore.add(id(queue))
    ignore.add(id(depth))
    ignore.add(id(parent))
    ignore.add(id(ignore))
    gc.collect()
    head = 0
    while head < len(queue):
        target = queue[head]
        queue[head] = None
        head += 1
        if predicate(target):
            chain = [target]
            while parent[id(target)] is not None:
                target = parent[id(target)]
                chain.append(target)
            return chain
        tdepth = depth[id(target)]
        if tdepth < max_depth:
            neighbours = edge_func(target)
            ignore.add(id(neighbours))
            for source in neighbours:
                if id(source) in ignore:
                    continue
                if id(source) not in depth:
                    depth[id(source)] = tdepth + 1
                    parent[id(source)] = target
                    queue.append(source)
            del neighbours
    return [obj]


# ---------------------------------------------------------------- graphs

def show_backrefs(objs, max_depth=3, extra_ignore=(), filter=None, too_many=10,
                  highlight=None, filename=None, extra_info=None, refcounts=False,
                  shortnames=True, output=None, extra_node_attrs=None):
    """Write a graph of the objects that refer to objs, directly and indirectly.

    The walk stops at modules in sys.modules (is_proper_module), as objgraph's does."""
    return _show_graph(objs, gc.get_referrers, False, max_depth, extra_ignore, filter,
                       too_many, highlight, filename, extra_info, refcounts, shortnames,
                       output, is_proper_module, extra_node_attrs)


def show_refs(objs, max_depth=3, extra_ignore=(), filter=None, too_many=10,
              highlight=None, filename=None, extra_info=None, refcounts=False,
              shortnames=True, output=None, extra_node_attrs=None):
    """Write a graph of the objects reachable from objs."""
    return _show_graph(objs, gc.get_referents, True, max_depth, extra_ignore, filter,
                       too_many, highlight, filename, extra_info, refcounts, shortnames,
                       output, None, extra_node_attrs)


def show_chain(*chains, **kw):
    """Draw one or more chains from find_backref_chain (or, with backrefs=False,
    find_ref_chain)."""
    backrefs = kw.pop('backrefs', True)
    chains = [chain for chain in chains if chain]
    ids = set()
    for chain in chains:
        for o in chain:
            ids.add(id(o))

    def in_chains(x):
        return id(x) in ids
    max_depth = max(len(chain) for chain in chains) - 1
    if backrefs:
        show_backrefs([chain[-1] for chain in chains], max_depth=max_depth,
                      filter=in_chains, **kw)
    else:
        show_refs([chain[0] for chain in chains], max_depth=max_depth,
                  filter=in_chains, **kw)


def _node_id(obj):
    return ('o%d' % id(obj)).replace('-', '_')


def _quote(s):
    return (s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
            .replace('\0', '\\\\0'))


def _name_or_repr(value):
    try:
        result = value.__name__
    except AttributeError:
        return repr(value)[:40]
    if isinstance(result, str):
        return result
    return repr(value)[:40]


def _basename(path):
    return path.rsplit('/', 1)[-1]


def _short_repr(obj):
    if isinstance(obj, (type, _ModuleType, _BuiltinFunctionType, _BuiltinMethodType)):
        return _name_or_repr(obj)
    if isinstance(obj, _MethodType):
        name = _name_or_repr(obj.__func__)
        if obj.__self__:
            return name + ' (bound)'
        return name
    if isinstance(obj, _FunctionType) and obj.__name__ == '<lambda>':
        code = obj.__code__
        return 'lambda: %s:%s' % (_basename(code.co_filename), code.co_firstlineno)
    if isinstance(obj, (tuple, list, dict, set)):
        return '%d items' % len(obj)
    return repr(obj)[:40]


def _safe_repr(obj):
    try:
        return _short_repr(obj)
    except Exception:
        return '(unrepresentable)'


def _obj_label(obj, extra_info, refcount, shortnames):
    label = [_short_typename(obj) if shortnames else _long_typename(obj)]
    if refcount is not None:
        label[0] += ' [%d]' % refcount
    label.append(_safe_repr(obj))
    if extra_info:
        label.append(str(extra_info(obj)))
    return _quote('\n'.join(label))


def _raw_refcount(obj):
    return sys.getrefcount(obj)


def _probe_with_defaults(obj, k=None):
    return sys.getrefcount(obj)


def _call_refs():
    """How many references a call holds to its argument, as seen from inside: measured, not
    assumed. (raw, shown): _raw_refcount's own (its parameter and getrefcount's argument),
    and a call like show_refs(obj, filename=...) to a function with defaults (1 on CPython;
    ouro's caller also keeps its stack slot when it has to fill in defaults)."""
    probe = []
    raw = _raw_refcount(probe) - 1
    shown = _probe_with_defaults(probe, k=None) - 2
    return raw, shown


_RAW_REFS, _SHOW_CALL_REFS = _call_refs()


def _obj_attrs(obj, extra_node_attrs):
    if extra_node_attrs is None:
        return ''
    attrs = extra_node_attrs(obj)
    return ', ' + ', '.join('%s="%s"' % (name, _quote(value))
                            for name, value in sorted(attrs.items()) if value is not None)


def _is_identifier(k):
    if not k or k[0] not in _IDENT_START:
        return False
    for c in k:
        if c not in _IDENT_REST:
            return False
    return True


def _edge_label(source, target, shortnames):
    if isinstance(target, dict) and target is getattr(source, '__dict__', None):
        return ' [label="__dict__",weight=10]'
    if isinstance(source, _MethodType):
        if target is source.__self__:
            return ' [label="__self__",weight=10]'
        if target is source.__func__:
            return ' [label="__func__",weight=10]'
    if isinstance(source, _FunctionType):
        for k in dir(source):
            if target is getattr(source, k, None):
                return ' [label="%s",weight=10]' % _quote(k)
    if isinstance(source, dict):
        for k, v in source.items():
            if v is target:
                if isinstance(k, str) and _is_identifier(k):
                    return ' [label="%s",weight=2]' % _quote(k)
                tn = _short_typename(k) if shortnames else _long_typename(k)
                return ' [label="%s"]' % _quote(tn + '\n' + _safe_repr(k))
    if isinstance(source, (list, tuple)):
        # Not in objgraph: the index of the first slot holding target.
        i = 0
        for v in source:
            if v is target:
                return ' [label="[%d]"]' % i
            i += 1
    return ''


def _gradient(start_color, end_color, depth, max_depth):
    if max_depth == 0:
        return start_color
    h1, s1, v1 = start_color
    h2, s2, v2 = end_color
    f = float(depth) / max_depth
    return (h1 * (1 - f) + h2 * f, s1 * (1 - f) + s2 * f, v1 * (1 - f) + v2 * f)


def _has_del(obj):
    return hasattr(getattr(obj, '__class__', None), '__del__')


def _show_graph(objs, edge_func, swap_source_target, max_depth, extra_ignore, filter,
                too_many, highlight, filename, extra_info, refcounts, shortnames, output,
                cull_func, extra_node_attrs):
    # internal_refs counts the references this module's frames hold to each root, so that
    # refcounts=True shows only references from outside objgraph.
    if isinstance(objs, (list, tuple)):
        roots = objs
        single = False
    else:
        roots = [objs]
        single = True
    if filename and output:
        raise ValueError('Cannot specify both output and filename.')
    dot_filename = None
    if output:
        f = output
    else:
        dot_filename = _dot_filename_for(filename)
        f = open(dot_filename, 'w')
    f.write('digraph ObjectGraph {\n'
            '  node[shape=box, style=filled, fillcolor=white];\n')
    queue = []
    depth = {}
    internal = {}
    ignore = set(extra_ignore)
    ignore.add(id(roots))
    ignore.add(id(extra_ignore))
    ignore.add(id(queue))
    ignore.add(id(depth))
    ignore.add(id(ignore))
    for obj in roots:
        f.write('  %s[fontcolor=red];\n' % _node_id(obj))
        depth[id(obj)] = 0
        internal[id(obj)] = internal.get(id(obj), 0) + 1
        queue.append(obj)
    if roots:
        del obj
    if single:
        # The objs parameters of show_*() (called, we assume, with keywords such as
        # filename=) and of this function.
        internal[id(objs)] += _SHOW_CALL_REFS + 1
    gc.collect()
    nodes = 0
    head = 0
    while head < len(queue):
        nodes += 1
        # "target" and "source" are named for show_backrefs, which walks edges backwards.
        target = queue[head]
        queue[head] = None
        head += 1
        tdepth = depth[id(target)]
        node = _node_id(target)
        refcount = None
        if refcounts:
            # Without the references of `target` and of objgraph's roots list/parameters.
            refcount = (_raw_refcount(target) - _RAW_REFS - 1
                        - internal.get(id(target), 0))
        f.write('  %s[label="%s"%s];\n' % (
            node, _obj_label(target, extra_info, refcount, shortnames),
            _obj_attrs(target, extra_node_attrs)))
        h, s, v = _gradient((0, 0, 1), (0, 0, .3), tdepth, max_depth)
        if isinstance(target, _ModuleType):
            h = .3
            s = 1
        if highlight and highlight(target):
            h = .6
            s = .6
            v = 0.5 + v * 0.5
        f.write('  %s[fillcolor="%g,%g,%g"];\n' % (node, h, s, v))
        if v < 0.5:
            f.write('  %s[fontcolor=white];\n' % node)
        if _has_del(target):
            f.write('  %s->%s_has_a_del[color=red,style=dotted,len=0.25,weight=10];\n'
                    % (node, node))
            f.write('  %s_has_a_del[label="__del__",shape=doublecircle,height=0.25,'
                    'color=red,fillcolor="0,.5,1",fontsize=6];\n' % node)
        if tdepth >= max_depth:
            continue
        if cull_func is not None and cull_func(target):
            continue
        neighbours = edge_func(target)
        ignore.add(id(neighbours))
        n = 0
        skipped = 0
        for source in neighbours:
            if id(source) in ignore:
                continue
            if filter and not filter(source):
                continue
            if n >= too_many:
                skipped += 1
                continue
            if swap_source_target:
                srcnode, tgtnode = target, source
            else:
                srcnode, tgtnode = source, target
            f.write('  %s -> %s%s;\n' % (_node_id(srcnode), _node_id(tgtnode),
                                         _edge_label(srcnode, tgtnode, shortnames)))
            if id(source) not in depth:
                depth[id(source)] = tdepth + 1
                queue.append(source)
            n += 1
        # Drop the loop's references before the next node's refcount is read.
        source = srcnode = tgtnode = neighbours = None
        if skipped > 0:
            h, s, v = _gradient((0, 1, 1), (0, 1, .3), tdepth + 1, max_depth)
            if swap_source_target:
                label = '%d more references' % skipped
                edge = '%s->too_many_%s' % (node, node)
            else:
                label = '%d more backreferences' % skipped
                edge = 'too_many_%s->%s' % (node, node)
            f.write('  %s[color=red,style=dotted,len=0.25,weight=10];\n' % edge)
            f.write('  too_many_%s[label="%s",shape=box,height=0.25,color=red,'
                    'fillcolor="%g,%g,%g",fontsize=6];\n' % (node, label, h, s, v))
            f.write('  too_many_%s[fontcolor=white];\n' % node)
    f.write('}\n')
    if output:
        return None
    f.close()
    print('Graph written to %s (%d nodes)' % (dot_filename, nodes))
    _present_graph(dot_filename, filename)
    return None


# ---------------------------------------------------------------- files and rendering

def _environ_get(name, default):
    environ = getattr(os, 'environ', None) if os is not None else None
    if environ is None:
        return default
    return environ.get(name, default)


def _dot_filename_for(filename):
    """The .dot file to write: filename itself, or, for a picture, the same stem with .dot
    (kept beside the picture), or a fresh file in the temporary directory."""
    if filename:
        if filename.endswith('.dot'):
            return filename
        stem = filename
        slash = filename.rfind('/')
        dotpos = filename.rfind('.')
        if dotpos > slash + 1:
            stem = filename[:dotpos]
        return stem + '.dot'
    tmpdir = _environ_get('TMPDIR', '/tmp') or '/tmp'
    pid = os.getpid() if os is not None and hasattr(os, 'getpid') else 0
    _tmp_counter[0] += 1
    return '%s/objgraph-%d-%d.dot' % (tmpdir.rstrip('/') or '/', pid, _tmp_counter[0])


def _program_in_path(program):
    path = _environ_get('PATH', '/usr/local/bin:/usr/bin:/bin') or ''
    for d in path.split(':'):
        candidate = (d or '.') + '/' + program
        try:
            open(candidate).close()
        except OSError:
            continue
        return True
    return False


def _shell_quote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


def _exit_code(status):
    if os is not None and hasattr(os, 'waitstatus_to_exitcode'):
        return os.waitstatus_to_exitcode(status)
    if status & 0x7f:
        return -(status & 0x7f)
    return (status >> 8) & 0xff


def _present_graph(dot_filename, filename):
    if filename == dot_filename:
        return
    viewer = not filename
    if viewer:
        # No viewer is spawned (xdot): a picture is made beside the .dot file instead.
        filename = dot_filename[:-4] + '.png'
    if os is None or not hasattr(os, 'system'):
        print('Image renderer (dot) needs os.system, which this ouro lacks')
        _print_how_to_render(dot_filename, filename, False)
        return
    if not _program_in_path('dot'):
        if viewer:
            print('Graph viewer (xdot) and image renderer (dot) not found,'
                  ' not doing anything else')
        else:
            print('Image renderer (dot) not found, not doing anything else')
        _print_how_to_render(dot_filename, filename, True)
        return
    if viewer:
        print('Graph viewer (xdot) not found, generating a png instead')
    ext = filename[filename.rfind('.') + 1:]
    cmd = ['dot', '-T' + ext, '-o' + filename, dot_filename]
    status = os.system(' '.join(_shell_quote(a) for a in cmd))
    code = _exit_code(status)
    if code != 0:
        print('dot failed (exit code %d) while executing "%s"' % (code, ' '.join(cmd)))
    else:
        print('Image generated as %s' % filename)


def _print_how_to_render(dot_filename, filename, missing_dot):
    ext = filename[filename.rfind('.') + 1:]
    if missing_dot:
        print('Install Graphviz to get it (apt-get install graphviz), then run:')
    else:
        print('Render the picture with:')
    print('  dot -T%s %s -o %s' % (ext, dot_filename, filename))
