"""One module per command of `audit`; :mod:`auditor.commands.common` holds what they share.

Only this package touches click, the layout of output folders and the batch; ``auditor/cli.py``
assembles the group from these commands and nothing else. click speaks Chinese from here on
(:func:`auditor.output.help.install`, before any command's options are declared).
"""

from auditor.output.help import install

install()
