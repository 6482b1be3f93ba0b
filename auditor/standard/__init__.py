"""The standard: its model, its JSON Schema and its loader."""
