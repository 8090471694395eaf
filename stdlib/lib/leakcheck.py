"""leakcheck: find objects that should have gone away, and show who keeps them alive.

    import leakcheck
    leakcheck.should_go_away(session, 'session')   # a weak reference; nothing else is kept
    ...
    leakcheck.check()        # collect, then report each registered object still alive

For each survivor, check() prints the referrer chains from roots (module globals, class
attributes) to it, found by walking gc.get_referrers() backwards breadth first, and writes
them as a GraphViz picture, leak_NAME.dot. The seed lesson's shouldGoAway did this with a
timer thread per object; here the program says when to look. See docs/leakcheck.md.
"""

import gc
import sys
import weakref

__all__ = ['should_go_away', 'check', 'pending', 'clear']

# (weak reference, name, type name) per registered object, in registration order.
_registry = []


def should_go_away(obj, name=None):
    """Register obj as an object that ought to die soon. Only a weak reference is kept.

    Objects that cannot be weakly referenced (list, dict, int, str, tuple, ...) raise
    weakref's TypeError: register an object that holds them instead."""
    try:
        ref = weakref.ref(obj)
    except TypeError:
        raise TypeError(f"cannot create weak reference to '{type(obj).__name__}' object "
                        f"(leakcheck needs a weakly referenceable object: register an "
                        f"instance that holds it)") from None
    if name is None:
        name = type(obj).__name__
    _registry.append((ref, str(name), type(obj).__name__))


def pending():
    """The names of the registered objects not yet checked."""
    return [entry[1] for entry in _registry]


def clear():
    """Forget every registered object without checking it."""
    del _registry[:]


def check(delay_collections=1, max_depth=8, max_chains=3, write_graphs=True, prefix='leak_',
          file=None):
    """Run gc.collect() delay_collections times, then report every registered object still
    alive: its referrer chains and (with write_graphs) a .dot graph PREFIX+NAME.dot. Every
    registered object is checked once and then forgotten. Returns the names of the
    survivors (an empty list when everything went away)."""
    out = sys.stdout if file is None else file
    for _ in range(delay_collections):
        gc.collect()
    entries = _registry[:]
    del _registry[:]
    survivors = []
    used_files = set()
    for ref, name, typename in entries:
        obj = ref()
        if obj is None:
            continue
        survivors.append(name)
        chains = _find_chains(obj, max_depth, max_chains)
        s = 's' if delay_collections != 1 else ''
        print(f"leakcheck: {name!r} ({typename}) is still alive after "
              f"{delay_collections} collection{s}", file=out)
        if not chains:
            print(f"  no referrer chain from a module or class within {max_depth} steps "
                  f"(a local variable of a running function, or a cycle only C code "
                  f"reaches, may hold it)", file=out)
        for chain in chains:
            print(f"  referrer chain: {_chain_text(chain)} -> {name}", file=out)
        if write_graphs:
            filename = _graph_filename(prefix, name, used_files)
            with open(filename, 'w') as f:
                f.write(_dot(obj, name, chains))
            print(f"  graph written to {filename}", file=out)
        obj = None
    if entries and not survivors:
        n = len(entries)
        print(f"leakcheck: all {n} object{'s' if n != 1 else ''} went away", file=out)
    return survivors


# ---- walking referrers backwards ---------------------------------------------------------

def _roots():
    """Module globals: id(module.__dict__) -> module name."""
    roots = {}
    for modname, mod in list(sys.modules.items()):
        d = getattr(mod, '__dict__', None)
        if d is not None:
            roots[id(d)] = modname
    return roots


def _find_chains(target, max_depth, max_chains):
    """Breadth-first search from target through gc.get_referrers; returns up to max_chains
    chains, each a list of (object, edge) from a root to target, where edge describes how
    that object refers to the next one (None for the last)."""
    roots = _roots()
    this_module = globals()
    # Bookkeeping containers refer to the objects too; the walk must not mistake them
    # (nor the lists get_referrers returns) for the program's references.
    nxt = {id(target): None}          # id(referrer) -> the object it refers to (toward target)
    objs = {id(target): target}       # keeps the walked objects alive while we look
    frontier = [target]
    found = []
    keep = []                         # get_referrers' lists, alive so their ids stay unique
    ignore = {id(nxt), id(objs), id(frontier), id(found), id(keep), id(this_module),
              id(_registry)}
    for _ in range(max_depth):
        if len(found) >= max_chains or not frontier:
            break
        level = []
        keep.append(level)
        ignore.add(id(level))
        for o in frontier:
            refs = gc.get_referrers(o)
            keep.append(refs)
            ignore.add(id(refs))
            for r in refs:
                rid = id(r)
                if rid in ignore or rid in nxt or _is_internal(r):
                    continue
                nxt[rid] = o
                objs[rid] = r
                if rid in roots or isinstance(r, type):
                    found.append(r)
                    if len(found) >= max_chains:
                        break
                else:
                    level.append(r)
            if len(found) >= max_chains:
                break
        frontier = level
    chains = []
    for root in found:
        chain = []
        o = root
        while o is not None:
            n = nxt[id(o)]
            chain.append((o, _edge(o, n, roots) if n is not None else None, roots.get(id(o))))
            o = n
        chains.append(chain)
    return chains


def _is_internal(r):
    """The frames and functions of this module (when the VM exposes them) and gc's own
    lists are not the program's references."""
    return getattr(r, 'f_globals', None) is globals() or getattr(r, '__globals__', None) is globals()


def _edge(r, o, roots):
    """How r refers to o: ('key', k), ('index', i), ('attr', name), ('ns',) for an
    object's attribute dict, ('member',) for a set, or ('?',)."""
    if isinstance(r, dict):
        for k, v in list(r.items()):
            if v is o:
                return ('key', k)
        for k in list(r):
            if k is o:
                return ('dictkey', k)
    elif isinstance(r, (list, tuple)):
        for i, v in enumerate(r):
            if v is o:
                return ('index', i)
    elif isinstance(r, (set, frozenset)):
        return ('member',)
    if isinstance(o, dict) and (isinstance(r, type) or getattr(r, '__dict__', None) is o):
        return ('ns',)
    if isinstance(r, type):
        for k, v in list(vars(r).items()):
            if v is o:
                return ('attr', k)
    for attr in ('__self__', '__func__', 'cell_contents', '__closure__', '__defaults__',
                 '__kwdefaults__', '__globals__', '__class__', '__dict__', 'gi_frame'):
        try:
            if getattr(r, attr) is o:
                return ('attr', attr)
        except Exception:
            pass
    return ('?',)


def _is_name(k):
    return isinstance(k, str) and k.isidentifier()


def _node_text(o, modname):
    if modname is not None:
        return modname
    if isinstance(o, type):
        return f"{o.__module__}.{o.__qualname__}"
    return f"<{type(o).__name__}>"


def _chain_text(chain):
    """'__main__.cache['s1']', '__main__.Cache.items[0]', ..."""
    text = ''
    attr_mode = False
    for o, edge, modname in chain:
        if not text:
            text = _node_text(o, modname)
            attr_mode = modname is not None
        if edge is None:
            break
        kind = edge[0]
        if kind == 'ns':
            attr_mode = True
            continue
        if kind == 'key':
            text += f".{edge[1]}" if attr_mode and _is_name(edge[1]) else f"[{edge[1]!r}]"
        elif kind == 'dictkey':
            text += f" (a key: {edge[1]!r})"
        elif kind == 'index':
            text += f"[{edge[1]}]"
        elif kind == 'attr':
            text += f".{edge[1]}"
        elif kind == 'member':
            text += " (a member)"
        else:
            text += f" -> {type(o).__name__}"
        attr_mode = False
    return text


# ---- the picture -------------------------------------------------------------------------

def _short_repr(o):
    """Type and a short repr, without addresses (so .dot files are stable run to run)."""
    if isinstance(o, type):
        return f"class {o.__qualname__}"
    if isinstance(o, (dict, list, tuple, set, frozenset)):
        n = len(o)
        return f"{type(o).__name__}\\n{n} item{'s' if n != 1 else ''}"
    try:
        r = repr(o)
    except Exception:
        r = '?'
    if ' at 0x' in r or ' object at ' in r:
        r = ''
    if len(r) > 40:
        r = r[:37] + '...'
    name = type(o).__name__
    return f"{name}\\n{_dot_escape(r)}" if r else name


def _dot_escape(s):
    return s.replace('\\', '\\\\').replace('"', '\\"')


def _edge_label(edge, attr_mode):
    kind = edge[0]
    if kind == 'key':
        return f".{edge[1]}" if attr_mode and _is_name(edge[1]) else f"[{edge[1]!r}]"
    if kind == 'dictkey':
        return 'key'
    if kind == 'index':
        return f"[{edge[1]}]"
    if kind == 'attr':
        return f".{edge[1]}"
    if kind == 'ns':
        return '__dict__'
    if kind == 'member':
        return 'member'
    return ''


def _dot(target, name, chains):
    """A digraph with the referrer chains, roots on top, the survivor highlighted. Node ids
    are n0, n1, ... in the order the chains list them."""
    ids = {}
    lines = ['digraph leakcheck {', '  rankdir=TB;',
             '  node [shape=box, style=filled, fillcolor=white, fontname=Helvetica];']
    edges = []

    def node(o, modname):
        key = id(o)
        if key not in ids:
            n = f"n{len(ids)}"
            ids[key] = n
            if o is target:
                label = f"{_dot_escape(name)}\\n{_short_repr(o)}"
                color = '#ff9999'
            elif modname is not None:
                label = f"module {modname}\\nglobals"
                color = '#99ccff'
            elif isinstance(o, type):
                label = _short_repr(o)
                color = '#99ccff'
            else:
                label = _short_repr(o)
                color = 'white'
            lines.append(f'  {n} [label="{label}", fillcolor="{color}"];')
        return ids[key]

    node(target, None)
    for chain in chains:
        attr_mode = False
        for i, (o, edge, modname) in enumerate(chain):
            src = node(o, modname)
            if i == 0:
                attr_mode = modname is not None
            if edge is None:
                break
            dst = node(chain[i + 1][0], chain[i + 1][2])
            label = _edge_label(edge, attr_mode)
            attr_mode = edge[0] == 'ns'
            e = f'  {src} -> {dst} [label="{_dot_escape(label)}"];'
            if e not in edges:
                edges.append(e)
    lines.extend(edges)
    lines.append('}')
    return '\n'.join(lines) + '\n'


def _graph_filename(prefix, name, used):
    base = ''.join(c if c.isalnum() or c in '_-.' else '_' for c in name) or 'object'
    filename = f"{prefix}{base}.dot"
    n = 2
    while filename in used:
        filename = f"{prefix}{base}_{n}.dot"
        n += 1
    used.add(filename)
    return filename
