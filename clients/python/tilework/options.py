"""Python keyword arguments -> gdaldem's command-line options, for recipes."""

import math
import numbers

import numpy

#: Python's and NumPy's booleans: a flag, or nothing.
_BOOLEANS = (bool, numpy.bool_)


def gdaldem_options(**kwargs):
    """gdaldem's arguments as a list of strings, from keyword arguments in their order.

    ``compute_edges=True`` -> ``"-compute_edges"``; ``z=2`` -> ``"-z", "2"``;
    ``alg="ZevenbergenThorne"`` -> ``"-alg", "ZevenbergenThorne"``; False and None are left out
    (gdaldem's default); a list or tuple repeats the option once per item. The names are
    gdaldem's own (``zero_for_flat``, ``multidirectional``, ``s``, ``az``, ``alt``, ``p``, ...):
    the server checks them, as ``tilework raster`` does.

    >>> gdaldem_options(compute_edges=True, z=2, alg="ZevenbergenThorne", p=False)
    ['-compute_edges', '-z', '2', '-alg', 'ZevenbergenThorne']
    """
    options = []
    for name, value in kwargs.items():
        flag = "-" + name
        if isinstance(value, _BOOLEANS):
            if value:
                options.append(flag)
            continue
        if value is None:
            continue
        elif isinstance(value, (list, tuple)):
            for item in value:
                options += [flag, _text(name, item)]
        else:
            options += [flag, _text(name, value)]
    return options


def _text(name, value):
    if isinstance(value, _BOOLEANS) or value is None:
        raise TypeError(f"option {name}: {value!r} cannot be a value of a repeated option; give strings or numbers")
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"option {name} must be a finite number, not {value!r}")
        # repr is the shortest text that reads back as the same double: 1.5, not 1.5000000000000000
        return repr(value)
    return str(value)
