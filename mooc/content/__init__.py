"""The content pipeline: files → checked sources → database rows."""
