"""PyTorch: a dataset of raster windows for ``torch.utils.data.DataLoader``.

Only this module imports torch; ``import tilework`` does not.

>>> from torch.utils.data import DataLoader
>>> from tilework.torch import TileDataset
>>> dataset = TileDataset(ortho, ortho.footprint.tile(256, boundary_effect="shrink"))
>>> for tensor in DataLoader(dataset, num_workers=2, batch_size=None):
...     ...
"""

import torch
import torch.utils.data

from .raster import DEFAULT_READ_AHEAD_BYTES


class TileDataset(torch.utils.data.IterableDataset):
    """The windows of ``raster`` as tensors, each worker streaming its share over its own connection.

    With ``num_workers=N`` in the DataLoader, worker ``k`` reads windows ``k, k + N, k + 2N, ...``
    (every window exactly once over the workers) in one streaming request of its own; the
    DataLoader interleaves the workers' tensors. Without workers, all windows in order.

    ``windows`` as in :meth:`tilework.Raster.iter_data` (pixel tuples or Footprints), ``bands``
    likewise. ``transform`` is applied to each NumPy array before it becomes a tensor (it may
    return a tensor itself); use it for types torch cannot hold (older torch has no uint16 or
    uint32: ``transform=lambda a: a.astype("int32")``). ``read_ahead_bytes`` is per worker.
    The raster travels to the workers by pickling (its client is just a URL and a token).
    """

    def __init__(self, raster, windows, bands=None, transform=None, read_ahead_bytes=DEFAULT_READ_AHEAD_BYTES):
        super().__init__()
        self.raster = raster
        self.windows = list(windows)
        self.bands = bands
        self.transform = transform
        self.read_ahead_bytes = read_ahead_bytes

    def __len__(self):
        return len(self.windows)

    def _share(self):
        info = torch.utils.data.get_worker_info()
        if info is None:
            return self.windows
        return self.windows[info.id::info.num_workers]

    def __iter__(self):
        arrays = self.raster.iter_data(self._share(), bands=self.bands, read_ahead_bytes=self.read_ahead_bytes)
        try:
            for array in arrays:
                if self.transform is not None:
                    array = self.transform(array)
                yield _tensor(array)
        finally:
            arrays.close()  # a DataLoader stopped early must not leave the server computing


def _tensor(value):
    if isinstance(value, torch.Tensor):
        return value
    try:
        return torch.from_numpy(value)
    except TypeError as e:
        raise TypeError(f"torch {torch.__version__} cannot hold arrays of {getattr(value, 'dtype', type(value))} "
                        f"({e}); convert them in TileDataset's transform, e.g. "
                        f"transform=lambda a: a.astype('int32')") from e
