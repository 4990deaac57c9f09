"""The chaos suite: a real cluster (app instances, PostgreSQL, a private Redis) under faults,
a fleet of scripted clients, and a verdict against the database. ``python -m chaos``."""
