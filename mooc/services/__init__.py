"""Use-cases called by web/ and cli/: they take a Session and never commit."""
