"""Flows: one use case per module (poll a feed, process its articles), owning I/O, transactions and metrics."""
