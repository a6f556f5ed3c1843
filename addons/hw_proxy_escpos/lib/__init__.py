"""Pure-Python core of the ESC/POS hardware proxy (no ORM, importable without Odoo running)."""
