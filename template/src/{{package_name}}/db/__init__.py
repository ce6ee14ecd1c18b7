"""Database plumbing: engine, sessions and migrations."""
