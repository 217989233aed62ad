"""The interchange format: JSON Lines, one post per line (see docs/interchange.md).

Loading checks every line before writing anything and then writes the whole file in
one transaction, so a bad file leaves the site exactly as it was.
"""

from bulletin.posts.interchange.checking import LoadError, Record, check, check_line
from bulletin.posts.interchange.dumping import dump, post_to_dict
from bulletin.posts.interchange.writing import load

__all__ = ["LoadError", "Record", "check", "check_line", "dump", "load", "post_to_dict"]
