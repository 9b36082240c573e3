"""Samråd: citizen dialogue for Nordic municipalities."""
