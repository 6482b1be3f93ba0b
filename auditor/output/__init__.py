"""Writers of results: JSON and the terminal."""
