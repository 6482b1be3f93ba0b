"""The sample generator: the centers, how their clerks type, the sheets, and the expected results.

- `facts`: what the standard names (items, windows, clause maxima, grades) and the 2018 calendar;
- `vocab`: invented people, phone numbers and the free text the records draw from;
- `typist`: how a clerk types yes/no, dates, numbers, labels and headers;
- `centers`: the `Center` dataclass with its defaults and the fifteen sample centers;
- `book` and `sheets`: a workbook in the making and one writer per sheet kind;
- `build`: one center's workbook, saved byte for byte the same on every run;
- `expected`: the results worked out by hand, stated once;
- `readme`: the samples/README.md block rendered from `expected`.
"""
