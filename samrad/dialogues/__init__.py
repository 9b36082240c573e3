"""The dialogue plan: a dialogue, its phases (and, later, goal matrix, target groups, meetings)."""
