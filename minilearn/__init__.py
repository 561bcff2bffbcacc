__version__ = "0.0.1"

# `callbacks` adds the default callbacks to `Learner.default_cbs`; `checkpoint`, `schedules` and
# `inference` add methods to the `Learner` (`save`, `lr_find`, `predict`, `export`...). Importing
# them with the package makes a `Learner` the same whatever module a user imports first.
from . import callbacks, checkpoint, schedules, inference  # noqa: E402,F401
