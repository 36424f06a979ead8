"""Plain-Python rules of the platform: no Flask, no database session."""
