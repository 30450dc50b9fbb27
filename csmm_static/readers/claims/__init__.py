"""Which files each built-in reader claims, answered without importing the reader.

`parse` shows every file to every reader. These modules hold each reader's format name and its
cheap look at a file's name and head, so that a reader's parsing and mapping code (tens of
milliseconds to import) is loaded only when some file is claimed (readers.lazy).
"""

from csmm_static.readers.claims import account_exports, cloudformation, terraform

__all__ = ["account_exports", "cloudformation", "terraform"]
