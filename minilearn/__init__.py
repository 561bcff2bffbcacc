__version__ = "0.0.1"

# `callbacks` adds the default callbacks to `Learner.default_cbs`; `checkpoint` and `schedules`
# add methods to the `Learner` (`save`, `lr_find`...). Importing them with the package makes a
# `Learner` the same whatever module a user imports first.
from . import callbacks, checkpoint, schedules  # noqa: E402,F401
