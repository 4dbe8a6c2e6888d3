"""The worker's context is the flows' context: a flow runs with it, a worker builds it once and shares it."""

from service.flows.context import WorkerContext, new_worker_id

__all__ = ["WorkerContext", "new_worker_id"]
