"""Reading inspection workbooks into typed, located evidence."""
