"""The sample workbooks and their generator (run `python samples/make_samples.py`)."""
