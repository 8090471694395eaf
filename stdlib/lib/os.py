"""OS routines for POSIX: the subset Ouroboros provides (stdlib/mod_os.c is `posix`).

getpid, getppid, fork, waitpid, _exit, system, getcwd, getenv, environ (a plain dict, read
at start-up), the wait-status helpers and os.path (posixpath)."""

from posix import *
from posix import _exit, environ
import posixpath as path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
devnull = '/dev/null'


def getenv(key, default=None):
    """Get an environment variable, return None if it doesn't exist.
    The optional second argument can specify an alternate default."""
    return environ.get(key, default)
