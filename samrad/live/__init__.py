"""Live sessions: questions, join codes, participants, responses and their realtime events."""
