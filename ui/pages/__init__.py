"""One page per step of the workflow: Load, Map, Protect, Check, Export."""
