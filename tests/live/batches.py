"""Watching a batching writer (samrad/live/writer.py) in tests: the size of each batch."""

from samrad.live import writer


def recorded(monkeypatch, kind: type[writer.BatchWriter]) -> list[int]:
    """The sizes of the batches `kind` stores from now on (its `store` still does the work)."""
    sizes: list[int] = []
    store = kind.store

    def counted(items):
        sizes.append(len(items))
        return store(items)

    monkeypatch.setattr(kind, "store", staticmethod(counted))
    return sizes
