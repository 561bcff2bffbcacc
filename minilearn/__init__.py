__version__ = "0.0.1"

# `checkpoint` (`Learner.save`, `load`) and `schedules` (`Learner.lr_find`) add methods to the
# `Learner`; importing them with the package makes those methods exist whatever a user imports.
from . import checkpoint, schedules  # noqa: E402,F401
