from .base import AlreadyStamped, PacClient, PacError, PacRejected, PacUnavailable, StampResult
