"""Organisations (municipalities, consultancies), facilitators and their roles."""
