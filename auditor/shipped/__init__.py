"""The standard shipped with the package (a link to standards/ in the repository, a copy in the wheel)."""
