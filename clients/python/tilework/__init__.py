"""Python client of ``tilework serve``: open rasters and recipes, read windows as NumPy arrays.

>>> import tilework
>>> client = tilework.connect("http://127.0.0.1:8080")
>>> dem = client.open("dem.tif")
>>> slope = client.recipe("slope", dem, compute_edges=True, cache="slope-cache")
>>> for array in slope.iter_data(slope.footprint.tile(512)):
...     ...

PyTorch support is in :mod:`tilework.torch`, imported only when asked for.
"""

from .client import Client, connect
from .errors import TileworkError
from .footprint import Footprint
from .options import gdaldem_options
from .raster import Raster

__all__ = ["Client", "Footprint", "Raster", "TileworkError", "connect", "gdaldem_options"]
__version__ = "0.1.0"
