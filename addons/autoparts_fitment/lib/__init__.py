"""Pure-Python logic of the fitment addon (no ORM): importable and testable without a database."""
