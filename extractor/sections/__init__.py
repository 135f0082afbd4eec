"""Section readers: from the sectioned item stream to the typed parts of a record."""
