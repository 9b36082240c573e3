"""Making sense of what came in; textanalysis/ is plain Python with no Django."""
