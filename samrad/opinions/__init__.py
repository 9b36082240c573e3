"""Opinion groups and common ground: statements that participants vote on, Pol.is-style."""
