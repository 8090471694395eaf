"""Type hints, as far as a running program sees them.

Ouroboros does not check types: annotations are parsed and ignored, as CPython ignores them at
run time. This module gives the names scripts import from typing so that they run, with the
reprs and subscripting behaviour a reader would expect (``List[int]`` is ``typing.List[int]``).
"""

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return obj.__module__ + "." + obj.__qualname__
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    return repr(obj)


class _GenericAlias:
    """A subscripted form such as List[int]: remembers its origin and arguments."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args

    def __repr__(self):
        args = ", ".join(_type_repr(a) for a in self.__args__)
        return repr(self.__origin__) + "[" + args + "]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __getitem__(self, params):
        return _GenericAlias(self, params if isinstance(params, tuple) else (params,))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)


class _SpecialForm:
    """A bare typing name (List, Optional, Any ...); subscripting makes a _GenericAlias."""

    def __init__(self, name, origin=None):
        self._name = name
        self._origin = origin

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        return _GenericAlias(self, params if isinstance(params, tuple) else (params,))

    def __call__(self, *args, **kwargs):
        if self._origin is None:
            raise TypeError("Cannot instantiate typing." + self._name)
        return self._origin(*args, **kwargs)


Any = _SpecialForm("Any")
Union = _SpecialForm("Union")
Optional = _SpecialForm("Optional")
Callable = _SpecialForm("Callable")
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Literal = _SpecialForm("Literal")
Generic = _SpecialForm("Generic")
Protocol = _SpecialForm("Protocol")
List = _SpecialForm("List", list)
Dict = _SpecialForm("Dict", dict)
Set = _SpecialForm("Set", set)
FrozenSet = _SpecialForm("FrozenSet", frozenset)
Tuple = _SpecialForm("Tuple", tuple)
Type = _SpecialForm("Type", type)
Iterable = _SpecialForm("Iterable")
Iterator = _SpecialForm("Iterator")
Generator = _SpecialForm("Generator")
Sequence = _SpecialForm("Sequence")
Mapping = _SpecialForm("Mapping")
MutableMapping = _SpecialForm("MutableMapping")
Hashable = _SpecialForm("Hashable")


class TypeVar:
    """A type variable: TypeVar("T"), with optional constraints and bound."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


def cast(typ, val):
    """Return val unchanged: a hint for type checkers."""
    return val


def overload(func):
    return func


def no_type_check(func):
    return func


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type
