"""Common operations on POSIX pathnames: the subset Ouroboros provides (join, split,
basename, dirname, splitext, exists, isfile, isdir, abspath). Same results as CPython's."""

import posix

sep = '/'
curdir = '.'
pardir = '..'


def _check(a, fname):
    if not isinstance(a, str):
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(a).__name__}")


def join(a, *p):
    """Join two or more pathname components, inserting '/' as needed."""
    _check(a, 'join')
    path = a
    for b in p:
        _check(b, 'join')
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    """Split a pathname into (head, tail): tail is everything after the final slash."""
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    """Returns the final component of a pathname."""
    return p[p.rfind('/') + 1:]


def dirname(p):
    """Returns the directory component of a pathname."""
    return split(p)[0]


def splitext(p):
    """Split the extension from a pathname: (root, ext), ext may be empty."""
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ''


def exists(path):
    """Test whether a path exists. Returns False for broken symbolic links."""
    try:
        return posix._stat_kind(path) != 0
    except (TypeError, ValueError):
        return False


def isfile(path):
    """Test whether a path is a regular file."""
    try:
        return posix._stat_kind(path) == 1
    except (TypeError, ValueError):
        return False


def isdir(path):
    """Return true if the pathname refers to an existing directory."""
    try:
        return posix._stat_kind(path) == 2
    except (TypeError, ValueError):
        return False


def isabs(s):
    """Test whether a path is absolute."""
    return s.startswith('/')


def normpath(path):
    """Normalize path, eliminating double slashes, etc."""
    if path == '':
        return '.'
    initial = 2 if path.startswith('//') and not path.startswith('///') else (
        1 if path.startswith('/') else 0)
    comps = []
    for comp in path.split('/'):
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not comps) or (comps and comps[-1] == '..'):
            comps.append(comp)
        elif comps:
            comps.pop()
    path = '/'.join(comps)
    if initial:
        path = '/' * initial + path
    return path or '.'


def abspath(path):
    """Return an absolute path."""
    if not isabs(path):
        path = join(posix.getcwd(), path)
    return normpath(path)
