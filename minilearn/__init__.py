__version__ = "0.0.1"

# `callbacks` adds the default callbacks to `Learner.default_cbs`; `checkpoint`, `schedules`,
# `inference` and `distributed` add methods to the `Learner` (`save`, `lr_find`, `predict`,
# `export`, `distrib_ctx`...). Importing them with the package makes a `Learner` the same
# whatever module a user imports first.
from . import callbacks, checkpoint, schedules, inference, distributed  # noqa: E402,F401
