"""The data poai passes between stages: the neutral document and the typed record."""
