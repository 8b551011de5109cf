"""The recipe: every decision the user made, as versioned JSON with no secret in it."""

from curator.recipe.model import (
    RECIPE_VERSION,
    ColumnDecision,
    ExportMetadata,
    ProtectionSettings,
    Recipe,
    Transform,
)

__all__ = ["RECIPE_VERSION", "ColumnDecision", "ExportMetadata", "ProtectionSettings", "Recipe", "Transform"]
